/**
 * Setup file of the database projects: whatever a test file sets in process.env (rate limits, the outbound
 * allowance) is undone when the file ends, so files sharing a worker (isolate: false) never see each other's.
 * Evaluated before each test file is imported, so settings made at a file's top level are undone too.
 */
import { afterAll } from 'vitest';

const before = { ...process.env };

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in before)) delete process.env[name];
  Object.assign(process.env, before);
});
