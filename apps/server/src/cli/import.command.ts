import { readFileSync } from 'node:fs';
import { importDivisionsCsv, importGridsGeoJson } from '@liandong/core/territory/index.ts';
import { importCatalogueCsv } from '@liandong/core/catalogue/index.ts';
import type { Config } from '../config.ts';
import { prepareDatabase } from '../prepare-database.ts';
import { openPlatform } from '../platform.ts';
import { progressReporter } from './progress.ts';

/** `liandong import grids|catalogue|divisions FILE`: all-or-nothing imports with progress. */
export async function importCommand(config: Config, rest: string[], flags: Record<string, string> = {}): Promise<number> {
  const [kind, file] = rest;
  if (!kind || !file || !['grids', 'catalogue', 'divisions'].includes(kind)) {
    console.error('Usage: liandong import grids FILE.geojson [--crs wgs84|gcj02] | catalogue FILE.csv | divisions FILE.csv');
    return 1;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    console.error(`Cannot read 无法读取文件: ${file}`);
    return 1;
  }
  const p = await openPlatform(config);
  try {
    await prepareDatabase(p.db);
    const onProgress = progressReporter(`import ${kind}`);
    if (kind === 'grids') {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        console.error(`${file} is not valid JSON / 不是有效的 JSON`);
        return 1;
      }
      const crs = flags.crs === 'gcj02' ? 'gcj02' : 'wgs84';
      const r = await importGridsGeoJson(p.db, json, { onProgress, crs });
      console.log(`Grids 网格: ${r.inserted} inserted, ${r.updated} updated`);
    } else if (kind === 'catalogue') {
      const r = await importCatalogueCsv(p.db, text, { onProgress });
      console.log(`Catalogue 清单: ${r.categories} categories, ${r.conditions} conditions`);
    } else {
      const r = await importDivisionsCsv(p.db, text, { onProgress });
      console.log(`Divisions 区划: ${JSON.stringify(r)}`);
    }
    return 0;
  } finally {
    await p.db.close();
  }
}
