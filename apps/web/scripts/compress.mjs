/**
 * After `vite build`: every asset worth it gets a Brotli (.br) and a gzip (.gz) twin, which the platform serves
 * to browsers that accept them (@fastify/static preCompressed), so the web apps travel compressed without
 * compressing on every request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist');
let before = 0;
let after = 0;
// The console's assets, the field app's (its service worker precaches them), the portal's and the big screen's.
for (const [dir, name] of ['assets', 'field/assets', 'portal/assets', 'screen/assets'].flatMap((d) => readdirSync(join(dist, d)).map((n) => [join(dist, d), n]))) {
  if (!/\.(js|css|svg|json|html)$/.test(name)) continue;
  const path = join(dir, name);
  const data = readFileSync(path);
  if (data.length < 1024) continue;
  const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  before += statSync(path).size;
  after += br.length;
}
console.log(`compressed assets: ${(before / 1024).toFixed(0)} kB → ${(after / 1024).toFixed(0)} kB brotli`);
