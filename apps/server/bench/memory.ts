/**
 * npm run bench:memory — the platform's resident memory on a first start on the embedded database: the demo
 * district loaded, then its history built (issue target: under 500 MB throughout). The baseline, measured in the
 * same run, is a process that only opens an empty embedded database (PGlite's own floor).
 *
 *   BENCH_DAYS (7: the default demo history)
 *
 * RSS is sampled from /proc every 100 ms (Linux).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/liandong.mjs', import.meta.url));
const days = process.env.BENCH_DAYS ?? '7';

const rssMb = (pid: number): number => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

/** Runs a process until `done` reads its output as finished; answers its peak RSS, its RSS then, and when. */
async function watch(args: string[], env: NodeJS.ProcessEnv, done: (out: string) => boolean): Promise<{ peak: number; end: number; seconds: number; out: string }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const t0 = performance.now();
  let peak = 0;
  while (!done(out) && child.exitCode === null) {
    peak = Math.max(peak, rssMb(child.pid!));
    await new Promise((r) => setTimeout(r, 100));
  }
  const end = rssMb(child.pid!);
  child.kill();
  return { peak: Math.max(peak, end), end, seconds: (performance.now() - t0) / 1000, out };
}

const dir = mkdtempSync(join(tmpdir(), 'liandong-mem-'));
try {
  const floor = await watch(
    ['--import', 'tsx', '-e', `const { openPglite } = await import('@liandong/db'); await openPglite(${JSON.stringify(join(dir, 'floor'))}); console.log('open'); setInterval(() => {}, 1000);`],
    {},
    (out) => out.includes('open'),
  );
  const run = await watch([BIN, 'start', '--port', '0'], { LIANDONG_DATA_DIR: join(dir, 'data'), LIANDONG_DEMO_DAYS: days }, (out) => /Demo history ready|演示历史工单已生成/.test(out));
  const ready = /ready in ([0-9.]+) s/.exec(run.out)?.[1];
  console.log(`baseline: an empty embedded database open        ${floor.peak.toFixed(0).padStart(5)} MB`);
  console.log(`first start, demo district + ${days} days of history:`);
  console.log(`  peak resident memory                            ${run.peak.toFixed(0).padStart(5)} MB   (${(run.peak / floor.peak).toFixed(2)}× baseline)`);
  console.log(`  resident memory once the history is built      ${run.end.toFixed(0).padStart(5)} MB   (${(run.end / floor.peak).toFixed(2)}× baseline)`);
  console.log(`  ready for requests after ${ready ?? '?'} s; history built after ${run.seconds.toFixed(1)} s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
