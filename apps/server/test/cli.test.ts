/**
 * The `liandong` command as an operator runs it, on a fresh data folder (embedded database) or a fresh
 * PostgreSQL database (when the suite runs on the server). Starting, killing and refusing a setting are real
 * processes; the one-shot commands run through the same `main` the binary calls, in this process (a process
 * each cost ~2.5 s of CPU, most of it loading modules), except one that proves the binary prints and exits.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, emptyPgliteCluster, testEngine, type TestDatabase } from '@liandong/db/testing.ts';
import { BIN, startProcess } from './liandong-process.ts';
import { main } from '../src/cli/main.ts';

const PASSWORD = 'cli-pass-12345';
let dir: string;
let testDb: TestDatabase | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'liandong-cli-'));
  env = { ...process.env, LIANDONG_DATA_DIR: dir, LIANDONG_DEMO_PASSWORD: PASSWORD, LIANDONG_DEMO_DAYS: '0', PORT: '0', LOG_LEVEL: 'error', LIANDONG_DEMO: '1' };
  delete env.DATABASE_URL;
  if (testEngine() === 'postgres') {
    testDb = await createTestDb();
    await testDb.db.close(); // the CLI opens its own connections
    env.DATABASE_URL = testDb.url;
  }
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (testDb) await testDb.close().catch(() => undefined);
});

/** The `liandong` binary as a process. */
function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

type Ran = { code: number | null; stdout: string; stderr: string };

/** A one-shot command through the binary's own `main`, in this process, with what it prints captured. */
async function command(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(format(...a)));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(format(...a)));
  try {
    const code = await main(args, { ...env, ...extraEnv });
    return { code, stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join('') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

function start() {
  return startProcess(env);
}

async function login(url: string, username: string, password = PASSWORD): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(r.status).toBe(200);
  return ((await r.json()) as { token: string }).token;
}

describe('liandong CLI', () => {
  // Settings are checked before any database is opened: the same on both engines, so checked once.
  it.runIf(testEngine() === 'pglite')('refuses a bad setting before doing anything, naming it', async () => {
    const r = await run(['start'], { PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PORT must be an integer/);
  });

  it('starts on an empty database with the demo district, keeps an acknowledged order across a kill -9, and does not reload the demo', async () => {
    const first = await start();
    expect(first.output()).toMatch(/loading the demo district/);
    expect(first.output()).toMatch(/zx_dispatcher/);
    expect(await (await fetch(`${first.url}/api/health`)).json()).toEqual({ status: 'ok' });
    const token = await login(first.url, 'zx_operator');
    const created = await fetch(`${first.url}/api/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': 'cli-order-1' },
      body: JSON.stringify({ channel: 'hotline', nature: 'help', description: '老人摔倒求助', location: { lng: 120.646, lat: 31.163 } }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    await first.kill('SIGKILL');

    const second = await start();
    expect(second.output()).not.toMatch(/loading the demo district/);
    const token2 = await login(second.url, 'zx_operator');
    const again = await fetch(`${second.url}/api/v1/orders/${id}`, { headers: { authorization: `Bearer ${token2}` } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { description: string }).description).toBe('老人摔倒求助');
    await second.kill('SIGTERM');
  }, 200_000);

  it('checks the demo history: completion by day, where orders were solved, supervisions, and the audit', async () => {
    const r = await command(['demo', 'check']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/按受理日期的办结情况\n.*\n  \d{4}-\d\d-\d\d +1 +0 +0\.0%/);
    expect(r.stdout).toMatch(/网格及村社区内解决/);
    expect(r.stdout).toContain('时间线与时限全部一致');
  });

  it('imports a catalogue CSV and refuses a broken one, naming the line and column', async () => {
    const good = join(dir, 'catalogue.csv');
    writeFileSync(
      good,
      'kind,major_code,major_name,code,name,condition,response_value,response_unit,handle_value,handle_unit,closing_standard,lead_unit\n' +
        '事件,91,本地事项,91001,共享单车乱停放,人行道上共享单车堆放影响通行,2,工作时,1,工作日,清理归位,WJ-CGJ\n',
    );
    const ok = await command(['import', 'catalogue', good]);
    expect(ok.stderr + ok.stdout).toMatch(/1 categories|categories/);
    expect(ok.code).toBe(0);
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'kind,major_code,major_name,code,name,condition,response_value,response_unit,handle_value,handle_unit,closing_standard,lead_unit\n' +
        '事件,91,本地事项,91002,测试,条件,2,分钟,1,工作日,清理,WJ-CGJ\n',
    );
    const refused = await command(['import', 'catalogue', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/第 2 行/);
    expect(refused.stderr).toMatch(/response_unit/);
  }, 60_000);

  it('adds a user who can then sign in', async () => {
    const r = await command(['user', 'add', '--username', 'wang_dispatch', '--name', '王分拨', '--role', 'dispatcher', '--unit', 'WJ-ZX', '--area', '320509000000', '--password', 'a-long-password']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const server = await start();
    await login(server.url, 'wang_dispatch', 'a-long-password');
    await server.kill('SIGTERM');
  }, 60_000);

  it('lists and revokes API tokens without SQL; a revoked token is refused', async () => {
    const add = await run(['token', 'add', '--user', 'wang_dispatch', '--name', 'cli-bridge']);
    expect(add.code).toBe(0);
    const secret = add.stdout.trim();
    const list = await command(['token', 'list', '--user', 'wang_dispatch']);
    expect(list.stdout).toMatch(/\tcli-bridge\twang_dispatch\t.*active/);
    const revoke = await command(['token', 'revoke', 'cli-bridge']);
    expect(revoke.code).toBe(0);
    expect((await command(['token', 'list'])).stdout).toMatch(/cli-bridge.*revoked/);
    expect((await command(['token', 'revoke', 'cli-bridge'])).code).toBe(1);
    const server = await start();
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(401);
    await server.kill('SIGTERM');
  }, 120_000); // a CLI process, four commands and a server, each opening the database
});

// On its own embedded data folder whatever the engine of the run (DATABASE_URL is cleared), so run once.
describe.runIf(testEngine() === 'pglite')('liandong calendar', () => {
  it('knows the statutory holidays after a plain migrate, and lets an administrator change a day', async () => {
    const own = mkdtempSync(join(tmpdir(), 'liandong-cal-'));
    await emptyPgliteCluster(own); // initdb done, nothing migrated (the first test meets a truly empty folder)
    const calEnv = { LIANDONG_DATA_DIR: own, DATABASE_URL: '' };
    try {
      expect((await command(['migrate'], calEnv)).code).toBe(0);
      const show = await command(['calendar', 'show', '2026-02'], calEnv);
      expect(show.stdout).toMatch(/2026-02-16 {2}休 rest {2}春节/);
      expect(show.stdout).toMatch(/2026-02-14 {2}班 work {2}春节调休上班/);
      expect((await command(['calendar', 'set', '2026-02-27', '--holiday', '--name', '地方假日'], calEnv)).code).toBe(0);
      expect((await command(['calendar', 'show', '2026-02'], calEnv)).stdout).toMatch(/2026-02-27 {2}休 rest {2}地方假日/);
      const bad = await command(['calendar', 'hours', '17:00-09:00'], calEnv);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/workingPeriods|工作时段/);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 60_000);
});
