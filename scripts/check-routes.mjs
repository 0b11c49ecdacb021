#!/usr/bin/env node
// Routes are adapters (ARCHITECTURE.md): HTTP in, a use case called, its answer out. No SQL and no database
// handle in apps/server/src/routes; a route that needs data calls core. Run by `npm test` (npm run lint:routes).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../apps/server/src/routes/', import.meta.url).pathname;
const SQL = /\.(query|exec|transaction)\s*[<(]|\b(select\s+[\w*"]|insert\s+into|delete\s+from|update\s+\w+\s+set)\b/i;
const problems = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
  readFileSync(join(dir, file), 'utf8').split('\n').forEach((line, i) => {
    if (SQL.test(line)) problems.push(`${file}:${i + 1}: ${line.trim()}`);
  });
}
if (problems.length > 0) {
  console.error(`SQL or a database call in a route (move it to a use case in packages/core):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`routes are adapters: no SQL in ${readdirSync(dir).length} route files`);
