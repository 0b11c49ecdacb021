/**
 * What the benchmarks that drive a real server share: a fresh database on the PostgreSQL server, `liandong start` on
 * it, a keep-alive JSON POST, and the closed-loop load that measures a rate.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '@liandong/db';

export const BENCH_SERVER_URL = process.env.LIANDONG_BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the bench's PostgreSQL server. */
export const benchDbUrl = (name: string): string => Object.assign(new URL(BENCH_SERVER_URL), { pathname: `/${name}` }).toString();

export async function freshDatabase(name: string): Promise<void> {
  const admin = await openPostgres(BENCH_SERVER_URL, { max: 1 });
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.close();
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = await openPostgres(BENCH_SERVER_URL, { max: 1 });
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.close();
}

/**
 * `liandong start` on `url` at `port` as a separate process (demo accounts with `password`, no history, rate
 * limits off), resolved once it says it is ready. BENCH_CPU_PROFILE=DIR writes its V8 CPU profile there.
 */
export function startLiandong(url: string, port: number, password: string): Promise<ChildProcess> {
  const bin = fileURLToPath(new URL('../bin/liandong.mjs', import.meta.url));
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, bin, 'start'], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), LIANDONG_DEMO_DAYS: '0', LIANDONG_DEMO_PASSWORD: password, LOG_LEVEL: 'error', LIANDONG_RATE_LIMITS: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('is ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}\n${out}`)));
  });
}

/** A JSON POST over a keep-alive `agent` (a string body is sent as it is: what was signed). */
export function postJson(agent: http.Agent, port: number, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const data = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** Stops a server started by startLiandong and waits for it to exit. */
export async function stopLiandong(server: ChildProcess): Promise<void> {
  server.kill('SIGTERM');
  await once(server, 'exit');
}

export interface LoadResult {
  /** Units done per second (rows, events, positions: what each call reports it did; 1 by default). */
  rate: number;
  units: number;
  calls: number;
  /** Latency of a call, ms. */
  p50: number;
  p99: number;
}

/** `clients` loops calling `task` back to back for `seconds`: the rate of the units done and each call's latency. */
export async function runLoad(clients: number, seconds: number, task: (i: number) => Promise<number | void>): Promise<LoadResult> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let seq = 0;
  let units = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        // Awaited first, then added: `units += await …` would read units before the wait and lose the others' counts.
        const done = (await task(seq++)) ?? 1;
        units += done;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { rate: units / elapsed, units, calls: latencies.length, p50: pct(0.5), p99: pct(0.99) };
}

/**
 * CPU seconds (user + system) used so far by the PostgreSQL backends of database `name` and by the processes
 * `pids`, read from /proc (0 where it cannot be read: another machine's server, another system). Backends of the
 * database are found by their process title (`postgres: user db …`). Counted per process id, so the difference of
 * two readings is what ran in between (for backends that were still there at the second reading).
 */
export function cpuSeconds(name: string, pids: readonly number[] = []): Map<number, number> {
  const out = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return out;
  }
  const wanted = new Set(pids);
  for (const e of entries) {
    const pid = Number(e);
    try {
      if (!wanted.has(pid)) {
        const title = readFileSync(`/proc/${e}/cmdline`, 'utf8');
        if (!title.startsWith('postgres:') || !title.split(' ').includes(name)) continue;
      }
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return out;
}

/** The CPU seconds used between two readings of cpuSeconds (processes that started in between count whole). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
  return sum;
}

/** The p50 and p95 of a sorted list of timings. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/**
 * One reader asking one GET again and again (as a person clicking): three calls to warm up, then `samples` timed
 * ones, each after the last; its p50 and p95 in ms. A status other than 200 fails the run.
 */
export async function timeGet(base: string, token: string, path: string, samples: number): Promise<{ p50: number; p95: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const t = performance.now();
      http
        .get(base + path, { agent, headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' } }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t) : reject(new Error(`${path}: ${res.statusCode}`))));
        })
        .on('error', reject);
    });
  try {
    for (let i = 0; i < 3; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < samples; i++) times.push(await once());
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
  } finally {
    agent.destroy();
  }
}
