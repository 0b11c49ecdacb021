/**
 * A property-style fuzz test over every route of the OpenAPI document: each path and query parameter,
 * each body field and the body as a whole get a bounded set of hostile values (hostile-values.ts), as an
 * administrator (who reaches every route) and as a citizen. Properties: no answer is a 5xx; every
 * refusal is the documented error shape `{ error: { code, message } }`; and a refused request changes
 * nothing in the database (change-log.ts records every committed row change).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, startTestServer, type TestServer } from './harness.ts';
import { orderIn } from './order-fixtures.ts';
import { changesSince, installChangeLog, lastChange } from './fuzz/change-log.ts';
import { operationsOf, requestsFor, type FuzzRequest, type Operation } from './fuzz/hostile-values.ts';

/** Routes that end the caller's own session: fuzzing them would only sign the fuzzer out. */
const SKIP = new Set(['POST /api/v1/auth/logout']);

let s: TestServer;
let operations: Operation[];
let watched: string[];
const pathValues: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer();
  const order = await orderIn(s, 'handling', {});
  pathValues.id = String(order.id);
  pathValues.code = '01001';
  pathValues.lang = 'zh';
  pathValues.token = 'x'.repeat(43);
  watched = await installChangeLog(s.platform.db);
  const doc = (await (await fetch(`${s.base}/api/openapi.json`)).json()) as Parameters<typeof operationsOf>[0];
  operations = operationsOf(doc).filter((op) => !SKIP.has(`${op.method} ${op.path}`));
}, 180_000);

afterAll(async () => {
  await s?.close();
});

interface Finding {
  who: string;
  route: string;
  what: string;
  status: number;
  problem: string;
}

async function send(token: string, req: FuzzRequest): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (req.contentType) headers['content-type'] = req.contentType;
  if (req.method === 'POST' && req.url === '/api/v1/orders') headers['idempotency-key'] = newKey('fuzz');
  Object.assign(headers, req.headers);
  const res = await fetch(s.base + req.url, { method: req.method, headers, body: req.body });
  // A live stream (SSE) never ends: its answer is its status and headers.
  if (res.ok && res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, body: null };
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

async function fuzzAs(username: string): Promise<{ sent: number; refused: number; findings: Finding[] }> {
  const token = (await s.as(username)).token!;
  const findings: Finding[] = [];
  let sent = 0;
  let refused = 0;
  // Requests go one at a time, so the change log's mark after one request is the mark before the next.
  let mark = await lastChange(s.platform.db);
  for (const op of operations) {
    for (const req of requestsFor(op, (name) => pathValues[name] ?? 'x')) {
      const r = await send(token, req);
      sent++;
      const route = `${op.method} ${op.path}`;
      const problem = (p: string) => findings.push({ who: username, route, what: req.what, status: r.status, problem: p });
      if (r.status >= 500) problem(`answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
      if (r.status < 400) {
        mark = await lastChange(s.platform.db);
        continue;
      }
      refused++;
      const error = (r.body as { error?: { code?: unknown; message?: unknown } })?.error;
      if (typeof error?.code !== 'string' || typeof error?.message !== 'string') problem(`refusal without the error shape: ${JSON.stringify(r.body).slice(0, 200)}`);
      const { changes, last } = await changesSince(s.platform.db, mark);
      if (changes.length) problem(`refused, yet wrote: ${changes.join(', ')}`);
      mark = last;
    }
  }
  return { sent, refused, findings };
}

/** One line per kind of finding (value and problem), with how many routes showed it and the first of them. */
function report(findings: Finding[]): string {
  const kinds = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.who} [${f.what}] → ${f.status}: ${f.problem.slice(0, 160)}`;
    kinds.set(key, [...(kinds.get(key) ?? []), f]);
  }
  return [...kinds]
    .slice(0, 40)
    .map(([key, fs]) => `${key}  (${fs.length} route(s), e.g. ${fs[0]!.route})`)
    .join('\n');
}

describe('every route of the OpenAPI document under hostile input', () => {
  it('watches the tables a refusal must not touch', () => {
    expect(watched).toEqual(expect.arrayContaining(['orders', 'order_events', 'files', 'users', 'outbox', 'timers']));
    expect(operations.length).toBeGreaterThan(50);
  });

  for (const username of ['admin', 'citizen']) {
    it(`as ${username}: never a 5xx, every refusal in the error shape, nothing written by a refusal`, async () => {
      const { sent, refused, findings } = await fuzzAs(username);
      expect(report(findings)).toBe('');
      expect(sent).toBeGreaterThan(2000);
      expect(refused).toBeGreaterThan(sent * 0.8);
    }, 300_000);
  }
});
