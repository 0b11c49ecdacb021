/**
 * Order fixtures for the lifecycle API tests: bring a fresh order to a given state through the HTTP
 * API only (no SQL writes), the way the people of the demo district would, and read back what the
 * API shows of it. Every step checks its answer, so a broken step fails loudly where it happens.
 *
 *   const o = await orderIn(s, 'pending_sign', { dispatchTo: 'WJ-CGJ' });
 *   await (await s.as(o.handler!)).act(o.id, 'sign');
 */
import type { ActionName } from '@liandong/contracts';
import type { Satisfaction } from '@liandong/contracts';
import { gridOf, newKey, pointInGrid, unitId, type ApiResponse, type Client, type TestServer } from './harness.ts';

export type FixtureState =
  | 'pending_accept'
  | 'pending_dispatch'
  | 'pending_sign'
  | 'handling'
  | 'pending_check'
  | 'pending_callback'
  | 'pending_close'
  | 'suspended'
  | 'closed'
  | 'rejected'
  | 'voided';

export type RequestKind = 'extension' | 'suspension' | 'void';

export interface OrderSpec {
  /** Nature of the request (诉求类型; default complaint). */
  nature?: string;
  /** Channel of the report. 'hotline' (default) is taken by the district centre; 'grid_patrol' by the town sub-centre at grid level. */
  channel?: string;
  /** Who registers it; default zx_operator, or the grid worker for a grid patrol. */
  creator?: string;
  /** The grid worker in whose grid the report lies (default songling_gridworker); he checks it on site. */
  gridWorker?: string;
  /** Catalogue minor class (default 06006: CGJ, sign 1 working hour, handle 1 working day); null leaves it unclassified. */
  categoryCode?: string | null;
  /** Reporter's phone (default a fixed mobile number); null registers no reporter phone, so no callback (回访) step. */
  phone?: string | null;
  reporterName?: string;
  description?: string;
  /** Unit code the dispatcher sends it to (default WJ-CGJ); 'catalogue' lets the catalogue route it. */
  dispatchTo?: string;
  /** Co-handling units (codes) named at dispatch. */
  coUnits?: string[];
  /** The citizen's answer at callback, for pending_close and closed (default satisfied). */
  satisfaction?: Satisfaction;
  /** For 'suspended': the state it is suspended from (default handling). */
  suspendFrom?: 'pending_dispatch' | 'pending_sign' | 'handling';
  /** A request waiting for the shift lead's approval, made once the order is in its state. */
  request?: RequestKind;
}

export interface Fixture {
  id: number;
  code: string;
  /** The order as the API showed it after the last step (with timeline). */
  order: any;
  /** Usernames of the people who act on it. */
  creator: string;
  dispatcher: string;
  shiftLead: string;
  gridWorker: string;
  /** The lead unit's handler, once dispatched. */
  handler: string | null;
  handlerUnitId: number | null;
}

export const DEFAULT_CATEGORY = '06006';
export const DEFAULT_PHONE = '13800138000';
export const SHIFT_LEAD = 'zx_shiftlead';

/** Fails with the answer when it is not the expected one. */
export function expectOk(r: ApiResponse, what: string, status = 200): any {
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const points = new Map<string, Promise<{ lng: number; lat: number }>>();
/** A point in the grid a grid worker covers (cached per server). */
export function pointOfWorker(s: TestServer, worker: string): Promise<{ lng: number; lat: number }> {
  const key = `${s.base}|${worker}`;
  let p = points.get(key);
  if (!p) {
    p = gridOf(s, worker).then((g) => pointInGrid(s, g));
    points.set(key, p);
  }
  return p;
}

export async function userId(s: TestServer, username: string): Promise<number> {
  const r = await s.platform.db.query<{ id: number }>('select id from users where username = $1', [username]);
  if (!r.rows[0]) throw new Error(`no user ${username}`);
  return Number(r.rows[0].id);
}

/** The first user of a unit holding a role (e.g. the handler of a department, the dispatcher of a sub-centre). */
export async function userOfUnit(s: TestServer, unit: number, role: string): Promise<string> {
  const r = await s.platform.db.query<{ username: string }>(
    `select u.username from users u join user_roles ur on ur.user_id = u.id
      where u.unit_id = $1 and ur.role = $2 and u.active order by u.id limit 1`,
    [unit, role],
  );
  if (!r.rows[0]) throw new Error(`no ${role} in unit ${unit}`);
  return r.rows[0].username;
}

/** The unit a user works for. */
export async function unitOfUser(s: TestServer, username: string): Promise<number> {
  const r = await s.platform.db.query<{ unit_id: number }>('select unit_id from users where username = $1', [username]);
  return Number(r.rows[0]!.unit_id);
}

/** The order body a fixture registers. */
export async function orderBody(s: TestServer, spec: OrderSpec = {}): Promise<Record<string, unknown>> {
  const worker = spec.gridWorker ?? 'songling_gridworker';
  const categoryCode = spec.categoryCode === undefined ? DEFAULT_CATEGORY : spec.categoryCode;
  const phone = spec.phone === undefined ? DEFAULT_PHONE : spec.phone;
  return {
    channel: spec.channel ?? 'hotline',
    nature: spec.nature ?? 'complaint',
    description: spec.description ?? `测试工单：临街商铺擅自悬挂条幅 ${newKey('d')}`,
    location: await pointOfWorker(s, worker),
    ...(categoryCode ? { categoryCode } : {}),
    ...(phone || spec.reporterName ? { reporter: { name: spec.reporterName ?? '李四', ...(phone ? { phone } : {}) } } : {}),
  };
}

/** Registers a new order (pending_accept). */
export async function createOrder(s: TestServer, spec: OrderSpec = {}): Promise<Fixture> {
  const worker = spec.gridWorker ?? 'songling_gridworker';
  const channel = spec.channel ?? 'hotline';
  const creator = spec.creator ?? (channel === 'grid_patrol' ? worker : 'zx_operator');
  const c = await s.as(creator);
  const order = expectOk(await c.post('/api/v1/orders', await orderBody(s, spec), { 'idempotency-key': newKey('fx') }), `create as ${creator}`, 201);
  const dispatcher = await userOfUnit(s, order.dispatchUnit.id, 'dispatcher');
  return { id: order.id, code: order.code, order, creator, dispatcher, shiftLead: SHIFT_LEAD, gridWorker: worker, handler: null, handlerUnitId: null };
}

/** Runs one action and checks the state it leads to; updates the fixture. */
export async function step(s: TestServer, f: Fixture, username: string, action: ActionName, body: unknown, expected: string): Promise<Fixture> {
  const c: Client = await s.as(username);
  const r = await c.act(f.id, action, body);
  const order = expectOk(r, `${action} by ${username} on order ${f.id} (${f.order.state.code})`);
  if (order.state.code !== expected) throw new Error(`${action} on order ${f.id}: expected ${expected}, got ${order.state.code}`);
  f.order = order;
  return f;
}

const ORDER_OF_STATES: FixtureState[] = ['pending_accept', 'pending_dispatch', 'pending_sign', 'handling', 'pending_check', 'pending_callback', 'pending_close', 'closed'];

/**
 * A fresh order brought to `state` through the API: created by the operator (hotline, district
 * centre) in songling_gridworker's grid, classified 06006, accepted and dispatched by the district
 * dispatcher to WJ-CGJ, signed and fed back by cgj_handler, checked by the grid worker, called back
 * by the operator, closed by the dispatcher. `spec` changes any of these; `spec.request` leaves a
 * request (extension / suspension / void) waiting for the shift lead.
 */
export async function orderIn(s: TestServer, state: FixtureState, spec: OrderSpec = {}): Promise<Fixture> {
  const target: FixtureState = state === 'suspended' ? (spec.suspendFrom ?? 'handling') : state === 'voided' ? 'handling' : state === 'rejected' ? 'pending_accept' : state;
  const f = await createOrder(s, spec);
  const reach = (st: FixtureState) => ORDER_OF_STATES.indexOf(target) >= ORDER_OF_STATES.indexOf(st);

  if (reach('pending_dispatch')) await step(s, f, f.dispatcher, 'accept', {}, 'pending_dispatch');
  if (reach('pending_sign')) {
    const to = spec.dispatchTo ?? 'WJ-CGJ';
    const body: Record<string, unknown> = to === 'catalogue' ? {} : { unitId: await unitId(s, to) };
    if (spec.coUnits) body.coUnitIds = await Promise.all(spec.coUnits.map((u) => unitId(s, u)));
    await step(s, f, f.dispatcher, 'dispatch', body, 'pending_sign');
    f.handlerUnitId = f.order.handlerUnit.id;
    f.handler = await userOfUnit(s, f.handlerUnitId!, 'handler');
  }
  if (reach('handling')) await step(s, f, f.handler!, 'sign', {}, 'handling');
  if (reach('pending_check')) {
    // The lead's result waits for each co-handler's part (协办反馈).
    for (const co of spec.coUnits ?? []) await step(s, f, await userOfUnit(s, await unitId(s, co), 'handler'), 'co-feedback', { result: '已配合完成协办事项' }, f.order.state.code);
    await step(s, f, f.handler!, 'feedback', { result: '已责令商户拆除条幅，现场恢复整洁' }, 'pending_check');
  }
  const callable = (spec.phone === undefined ? DEFAULT_PHONE : spec.phone) !== null;
  if (target === 'pending_callback' && !callable) throw new Error('an order without a reporter phone has no callback step');
  if (reach('pending_callback')) await step(s, f, f.gridWorker, 'check', { passed: true }, callable ? 'pending_callback' : 'pending_close');
  if (reach('pending_close') && callable) {
    await step(s, f, 'zx_operator', 'callback', { satisfaction: spec.satisfaction ?? 'satisfied' }, 'pending_close');
  }
  if (reach('closed')) await step(s, f, f.dispatcher, 'close', {}, 'closed');

  if (state === 'suspended') await step(s, f, SHIFT_LEAD, 'suspend', { reason: '涉及规划调整，需等待批复' }, 'suspended');
  if (state === 'voided') await step(s, f, SHIFT_LEAD, 'void', { reason: '重复登记' }, 'voided');
  if (state === 'rejected') await step(s, f, f.dispatcher, 'reject', { reason: '不属于受理范围' }, 'rejected');

  if (spec.request) await makeRequest(s, f, spec.request);
  return f;
}

/** Leaves a request waiting for the shift lead: extension by the handler, suspension by the handler (or dispatcher), void by the dispatcher. */
export async function makeRequest(s: TestServer, f: Fixture, kind: RequestKind): Promise<Fixture> {
  const st = f.order.state.code;
  if (kind === 'extension') {
    return step(s, f, f.handler!, 'request-extension', { value: 2, unit: 'working_days', reason: '需协调产权人，申请延期两个工作日' }, st);
  }
  if (kind === 'suspension') {
    const by = f.handler && (st === 'handling' || st === 'pending_sign') ? f.handler : f.dispatcher;
    return step(s, f, by, 'request-suspension', { reason: '涉及规划调整，需等待批复' }, st);
  }
  return step(s, f, f.dispatcher, 'request-void', { reason: '与已办结工单重复' }, st);
}

/** What must not move when an action is refused. Read by the administrator, who sees every order. */
export interface OrderSnapshot {
  state: string;
  updatedAt: string;
  version?: unknown;
  timeline: number;
  lastEvent: string | undefined;
  deadlines: unknown[];
  counts: unknown;
  pendingRequest: unknown;
  handlerUnit: unknown;
  dispatchUnit: unknown;
  level: string;
  category: unknown;
  satisfaction: unknown;
  closedAt: unknown;
  mergedIntoId: unknown;
  reporters: number;
}

export async function snapshot(s: TestServer, id: number): Promise<OrderSnapshot> {
  const o = expectOk(await (await s.as('admin')).get(`/api/v1/orders/${id}`), `read order ${id}`);
  return {
    state: o.state.code,
    updatedAt: o.updatedAt,
    timeline: o.timeline.length,
    lastEvent: o.timeline.at(-1)?.action,
    // What is stored, not what the clock reads from it now (used share, time left, light move as time passes).
    deadlines: o.deadlines.map((d: any) => ({ step: d.step, startedAt: d.startedAt, dueAt: d.dueAt, doneAt: d.doneAt, running: d.running })),
    counts: o.counts,
    pendingRequest: o.pendingRequest,
    handlerUnit: o.handlerUnit,
    dispatchUnit: o.dispatchUnit,
    level: o.level,
    category: o.category,
    satisfaction: o.satisfaction,
    closedAt: o.closedAt,
    mergedIntoId: o.mergedIntoId,
    reporters: o.reporters.length,
  };
}

/** Rows of the tables an order write touches, to show that a refused request wrote nothing. */
export async function tableCounts(s: TestServer): Promise<Record<string, number>> {
  const r = await s.platform.db.query<Record<string, number>>(
    `select (select count(*) from orders)::int as orders, (select count(*) from order_events)::int as events,
            (select count(*) from order_reporters)::int as reporters, (select count(*) from order_deadlines)::int as deadlines,
            (select count(*) from order_units)::int as units, (select count(*) from idempotency_keys)::int as keys`,
  );
  return r.rows[0]!;
}

/** An 8×8 JPEG: a real photo as far as the server can tell (its first bytes, and it decodes into variants). */
export const TINY_JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAH/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAgX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCgCiv/2Q==',
  'base64',
);

/** Uploads a small JPEG as `username` and returns its file id (a UUID). */
export async function upload(s: TestServer, username: string, name = 'photo.jpg'): Promise<string> {
  const c = await s.as(username);
  const r = await fetch(`${s.base}/api/v1/files?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.token}`, 'content-type': 'image/jpeg' },
    // A byte after the image's end makes each upload its own bytes; decoders ignore it.
    body: Buffer.concat([TINY_JPEG, Buffer.from([Math.floor(Math.random() * 256)])]),
  });
  if (r.status !== 201) throw new Error(`upload: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}
