/**
 * Every action of the lifecycle refused through the HTTP API: wrong role (403 forbidden), outside the
 * actor's data scope (404 not_found), wrong state (409), malformed body (400 naming the field, in
 * Chinese by default and English on request), and the rules' own refusals (422 naming the field).
 * In every case the order is left exactly as it was: same state, updatedAt, timeline, deadlines and
 * fields, and no row written anywhere.
 *
 * The orders are made once (beforeAll) and shared: a refused action must not change them, and the
 * check after each request proves it. Placeholders in bodies ('$unit:WJ-JTJ', '$order:accept') are
 * resolved once the server is up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_NAMES, type ActionName } from '@liandong/contracts';
import { startTestServer, unitId, type ApiResponse, type TestServer } from './harness.ts';
import { orderIn, snapshot, tableCounts, type Fixture } from './order-fixtures.ts';

let s: TestServer;

/** The shared orders, by the situation they are in. All lie in songling_gridworker's grid (松陵). */
const KEYS = [
  'accept', // pending_accept, hotline, district centre
  'consult', // pending_accept, a consultation (咨询), district centre
  'gridNew', // pending_accept, grid patrol, grid level, songling sub-centre
  'verifying', // pending_verify: a hotline report sent to songling_gridworker's grid to verify
  'townUp', // pending_dispatch at the songling sub-centre: a patrol report pushed up by the grid, then the village
  'dispatch', // pending_dispatch
  'sign', // pending_sign at WJ-CGJ, WJ-SWJ co-handling
  'handling', // handling at WJ-CGJ
  'extension', // handling, extension requested
  'suspension', // handling, suspension requested
  'voidReq', // pending_dispatch, void requested
  'check', // pending_check
  'coWaiting', // handling at WJ-CGJ, WJ-SWJ co-handling and not reported yet
  'coChecked', // pending_check, WJ-SWJ co-handled and reported
  'callback', // pending_callback
  'close', // pending_close, citizen satisfied
  'closeBad', // pending_close, citizen dissatisfied
  'suspended', // suspended from handling
  'closed', // closed
] as const;
type Key = (typeof KEYS)[number];
const O = {} as Record<Key, Fixture>;
const units: Record<string, number> = {};

beforeAll(async () => {
  s = await startTestServer();
  const specs: Record<Key, [Parameters<typeof orderIn>[1], Parameters<typeof orderIn>[2]]> = {
    accept: ['pending_accept', {}],
    consult: ['pending_accept', { nature: 'consultation', categoryCode: null }],
    gridNew: ['pending_accept', { channel: 'grid_patrol' }],
    verifying: ['pending_accept', {}],
    townUp: ['pending_dispatch', { channel: 'grid_patrol' }],
    dispatch: ['pending_dispatch', {}],
    sign: ['pending_sign', { coUnits: ['WJ-SWJ'] }],
    handling: ['handling', {}],
    extension: ['handling', { request: 'extension' }],
    suspension: ['handling', { request: 'suspension' }],
    voidReq: ['pending_dispatch', { request: 'void' }],
    check: ['pending_check', {}],
    coWaiting: ['handling', { coUnits: ['WJ-SWJ'] }],
    coChecked: ['pending_check', { coUnits: ['WJ-SWJ'] }],
    callback: ['pending_callback', {}],
    close: ['pending_close', {}],
    closeBad: ['pending_close', { satisfaction: 'dissatisfied' }],
    suspended: ['suspended', {}],
    closed: ['closed', {}],
  };
  for (const k of KEYS) O[k] = await orderIn(s, specs[k][0], specs[k][1]);
  expect((await (await s.as('zx_dispatcher')).act(O.verifying.id, 'send-to-verify', {})).status).toBe(200);
  for (const [who, reason] of [['songling_gridworker', '网格内无法解决'], ['songling_station', '村级无法解决']]) {
    expect((await (await s.as(who!)).act(O.townUp.id, 'escalate', { reason })).status).toBe(200);
  }
  for (const code of ['WJ-ZX', 'WJ-CGJ', 'WJ-SWJ', 'WJ-JTJ', 'WJ-HBJ', 'WJ-ZX-320509105']) units[code] = await unitId(s, code);
});
afterAll(() => s?.close());

/** Replaces '$unit:CODE' and '$order:KEY' placeholders in a body. */
function resolve(body: unknown): unknown {
  if (typeof body === 'string') {
    if (body.startsWith('$unit:')) return units[body.slice(6)] ?? (() => { throw new Error(`unit ${body}`); })();
    if (body.startsWith('$order:')) return O[body.slice(7) as Key].id;
    return body;
  }
  if (Array.isArray(body)) return body.map(resolve);
  if (body && typeof body === 'object') return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, resolve(v)]));
  return body;
}

interface Attempt {
  action: ActionName;
  order: Key;
  actor: string | null; // null: no credentials
  body: unknown;
  lang?: string;
  /** Other orders the action touches (merge), which must not change either. */
  others?: Key[];
}

/** Sends an action that must be refused; checks that nothing changed, and returns the answer. */
async function refused(a: Attempt, status: number, code: string): Promise<ApiResponse> {
  const ids = [O[a.order].id, ...(a.others ?? []).map((k) => O[k].id)];
  const before = await Promise.all(ids.map((id) => snapshot(s, id)));
  const rowsBefore = await tableCounts(s);
  const client = a.actor ? await s.as(a.actor, a.lang) : s.anonymous;
  const r = await client.request('POST', `/api/v1/orders/${O[a.order].id}/actions/${a.action}`, resolve(a.body), a.lang ? { 'accept-language': a.lang } : {});
  expect({ status: r.status, code: r.body?.error?.code }, JSON.stringify(r.body)).toEqual({ status, code });
  expect(typeof r.body.error.message).toBe('string');
  expect(await Promise.all(ids.map((id) => snapshot(s, id)))).toEqual(before);
  expect(await tableCounts(s)).toEqual(rowsBefore);
  return r;
}

const HAS_CJK = /[\u4e00-\u9fff]/;

/** A valid body for each action, for the requests that must fail before the body matters. */
const VALID: Record<ActionName, unknown> = {
  accept: {},
  reject: { reason: '不予受理' },
  answer: { answer: '社保卡补办请携带身份证到区政务服务中心一楼办理' },
  'send-to-verify': {},
  verify: { confirmed: false, note: '现场未发现所反映的问题' },
  classify: { categoryCode: '06012' },
  dispatch: { unitId: '$unit:WJ-CGJ' },
  redispatch: { unitId: '$unit:WJ-JTJ', reason: '改派' },
  'add-co-handler': { unitId: '$unit:WJ-JTJ' },
  sign: {},
  'co-sign': {},
  'co-feedback': { result: '已配合完成' },
  return: { reason: '非本单位职责' },
  'request-extension': { value: 1, unit: 'working_days', reason: '需要时间' },
  'approve-extension': {},
  'deny-extension': { reason: '不同意' },
  'request-suspension': { reason: '待批复' },
  suspend: { reason: '待批复' },
  'deny-suspension': { reason: '不同意' },
  resume: {},
  'request-void': { reason: '重复' },
  void: { reason: '重复' },
  'deny-void': { reason: '不同意' },
  escalate: { reason: '无法解决' },
  'self-handle': { result: '已处置' },
  feedback: { result: '已处置' },
  check: { passed: true },
  callback: { satisfaction: 'satisfied' },
  reopen: { reason: '未解决' },
  close: {},
  'force-close': { reason: '强制结案' },
  merge: { duplicateIds: ['$order:accept'] },
};

describe('every action is covered by each table below', () => {
  it('the tables name every action of the contract', () => {
    for (const table of [WRONG_ROLE, OUT_OF_SCOPE, WRONG_STATE, MALFORMED]) {
      expect(ACTION_NAMES.filter((a) => !table.some((row) => row[0] === a))).toEqual([]);
    }
  });
});

// ── (a) wrong role: 403 forbidden; the actor can see the order, his role may not take the action ──
const WRONG_ROLE: [ActionName, Key, string][] = [
  ['co-sign', 'sign', 'zx_dispatcher'],
  ['co-feedback', 'sign', 'zx_dispatcher'],
  ['send-to-verify', 'accept', 'songling_gridworker'],
  ['verify', 'verifying', 'zx_dispatcher'],
  ['accept', 'accept', 'songling_gridworker'],
  ['reject', 'accept', 'zx_operator'],
  ['answer', 'consult', 'songling_gridworker'],
  ['classify', 'accept', 'zx_operator'],
  ['dispatch', 'dispatch', 'zx_operator'],
  ['redispatch', 'sign', 'cgj_handler'],
  ['add-co-handler', 'sign', 'songling_gridworker'],
  ['sign', 'sign', 'zx_dispatcher'],
  ['return', 'handling', 'zx_dispatcher'],
  ['request-extension', 'handling', 'zx_shiftlead'],
  ['approve-extension', 'extension', 'zx_dispatcher'],
  ['deny-extension', 'extension', 'cgj_handler'],
  ['request-suspension', 'handling', 'zx_operator'],
  ['suspend', 'suspension', 'zx_dispatcher'],
  ['deny-suspension', 'suspension', 'cgj_handler'],
  ['resume', 'suspended', 'zx_dispatcher'],
  ['request-void', 'dispatch', 'songling_gridworker'],
  ['void', 'voidReq', 'zx_dispatcher'],
  ['deny-void', 'voidReq', 'zx_operator'],
  ['escalate', 'accept', 'zx_operator'],
  ['self-handle', 'gridNew', 'songling_dispatcher'],
  ['feedback', 'handling', 'songling_gridworker'],
  ['check', 'check', 'cgj_handler'],
  ['callback', 'callback', 'cgj_handler'],
  ['reopen', 'closeBad', 'zx_operator'],
  ['close', 'close', 'zx_operator'],
  ['force-close', 'handling', 'zx_dispatcher'],
  ['merge', 'dispatch', 'zx_operator'],
];

describe('(a) wrong role → 403 forbidden, nothing changed', () => {
  it.each(WRONG_ROLE)('%s on the %s order by %s', async (action, order, actor) => {
    expect((await (await s.as(actor)).get(`/api/v1/orders/${O[order].id}`)).status).toBe(200);
    const r = await refused({ action, order, actor, body: VALID[action], others: action === 'merge' ? ['accept'] : [] }, 403, 'forbidden');
    expect(r.body.error.message).toMatch(/角色/);
  });
});

// ── not responsible: 403 forbidden; the actor sees the order and has the role, but it is not his unit's ──
const NOT_RESPONSIBLE: [ActionName, Key, string, unknown][] = [
  ['sign', 'sign', 'swj_handler', {}], // a co-handler does not sign for the lead
  ['co-sign', 'sign', 'cgj_handler', {}], // the lead is not its own co-handler
  ['feedback', 'sign', 'swj_handler', { result: '已处置' }],
  ['add-co-handler', 'sign', 'swj_handler', { unitId: '$unit:WJ-JTJ' }],
  ['accept', 'accept', 'songling_dispatcher', {}], // the town sees it, but the district dispatches it
  ['dispatch', 'dispatch', 'songling_dispatcher', { unitId: '$unit:WJ-CGJ' }],
  ['return', 'sign', 'swj_handler', { reason: '非本单位职责' }],
  // 上推 one level at a time, by the level the order is at: the village's grid leader and worker cannot push a
  // town's order on to the district, nor can the village station that pushed it up.
  ['escalate', 'townUp', 'songling_gridleader', { reason: '镇里处理太慢' }],
  ['escalate', 'townUp', 'songling_gridworker', { reason: '镇里处理太慢' }],
  ['escalate', 'townUp', 'songling_station', { reason: '镇里处理太慢' }],
];

describe('not responsible → 403 forbidden, nothing changed', () => {
  it.each(NOT_RESPONSIBLE)('%s on the %s order by %s', async (action, order, actor, body) => {
    expect((await (await s.as(actor)).get(`/api/v1/orders/${O[order].id}`)).status).toBe(200);
    const r = await refused({ action, order, actor, body }, 403, 'forbidden');
    if (order !== 'townUp') expect(r.body.error.message).not.toMatch(/角色/); // at the town, escalation is a dispatcher's
  });
});

// ── (b) outside the actor's scope: 404, exactly as for an order that does not exist ──
const OUT_OF_SCOPE: [ActionName, Key, string][] = [
  ['co-sign', 'sign', 'hbj_handler'],
  ['co-feedback', 'sign', 'hbj_handler'],
  ['send-to-verify', 'accept', 'shengze_dispatcher'],
  ['verify', 'verifying', 'shengze_gridworker'],
  ['accept', 'accept', 'shengze_dispatcher'],
  ['accept', 'accept', 'citizen'],
  ['reject', 'accept', 'hbj_handler'],
  ['answer', 'consult', 'shengze_dispatcher'],
  ['classify', 'dispatch', 'shengze_dispatcher'],
  ['dispatch', 'dispatch', 'shengze_dispatcher'],
  ['redispatch', 'sign', 'shengze_dispatcher'],
  ['add-co-handler', 'sign', 'hbj_handler'],
  ['sign', 'sign', 'hbj_handler'],
  ['return', 'handling', 'hbj_handler'],
  ['request-extension', 'handling', 'jtj_handler'],
  ['approve-extension', 'extension', 'shengze_dispatcher'],
  ['deny-extension', 'extension', 'shengze_dispatcher'],
  ['request-suspension', 'handling', 'hbj_handler'],
  ['suspend', 'suspension', 'shengze_dispatcher'],
  ['deny-suspension', 'suspension', 'shengze_gridworker'],
  ['resume', 'suspended', 'shengze_dispatcher'],
  ['request-void', 'dispatch', 'shengze_dispatcher'],
  ['void', 'voidReq', 'shengze_dispatcher'],
  ['deny-void', 'voidReq', 'shengze_dispatcher'],
  ['escalate', 'gridNew', 'shengze_gridworker'],
  ['self-handle', 'gridNew', 'shengze_gridworker'],
  ['self-handle', 'gridNew', 'songling_gridworker_pt'], // same village, another grid
  ['feedback', 'handling', 'hbj_handler'],
  ['check', 'check', 'shengze_gridworker'],
  ['callback', 'callback', 'shengze_dispatcher'],
  ['reopen', 'closeBad', 'shengze_dispatcher'],
  ['close', 'close', 'shengze_dispatcher'],
  ['force-close', 'handling', 'shengze_dispatcher'],
  ['merge', 'dispatch', 'shengze_dispatcher'],
];

describe('(b) outside the actor scope → 404 not_found, nothing changed', () => {
  it.each(OUT_OF_SCOPE)('%s on the %s order by %s', async (action, order, actor) => {
    expect((await (await s.as(actor)).get(`/api/v1/orders/${O[order].id}`)).status).toBe(404);
    const r = await refused({ action, order, actor, body: VALID[action], others: action === 'merge' ? ['accept'] : [] }, 404, 'not_found');
    // The same answer as for an order that does not exist: nothing tells that it exists.
    const ghost = await (await s.as(actor)).act(2_000_000_000, action, resolve(VALID[action]));
    expect(ghost.body).toEqual(r.body);
  });
});

// ── (c) wrong state: 409 with the action's code; the right actor, the wrong moment ──
const WRONG_STATE: [ActionName, Key, string, unknown, string][] = [
  ['accept', 'dispatch', 'zx_dispatcher', {}, 'wrong_state'],
  ['reject', 'dispatch', 'zx_dispatcher', { reason: '不予受理' }, 'wrong_state'],
  ['answer', 'accept', 'zx_operator', { answer: '已答复' }, 'wrong_state'], // a complaint needs a department
  ['answer', 'handling', 'zx_dispatcher', { answer: '已答复' }, 'wrong_state'],
  ['classify', 'sign', 'zx_dispatcher', { categoryCode: '06012' }, 'wrong_state'],
  ['dispatch', 'accept', 'zx_dispatcher', { unitId: '$unit:WJ-CGJ' }, 'wrong_state'],
  ['redispatch', 'dispatch', 'zx_dispatcher', { unitId: '$unit:WJ-JTJ', reason: '改派' }, 'wrong_state'],
  ['add-co-handler', 'check', 'zx_dispatcher', { unitId: '$unit:WJ-JTJ' }, 'wrong_state'],
  ['sign', 'handling', 'cgj_handler', {}, 'wrong_state'],
  ['return', 'check', 'cgj_handler', { reason: '非本单位职责' }, 'wrong_state'],
  ['request-extension', 'sign', 'cgj_handler', { value: 1, unit: 'working_days', reason: '需要时间' }, 'wrong_state'],
  ['request-extension', 'extension', 'cgj_handler', { value: 1, unit: 'working_days', reason: '再次申请' }, 'request_pending'],
  ['request-extension', 'suspension', 'cgj_handler', { value: 1, unit: 'working_days', reason: '需要时间' }, 'request_pending'],
  ['approve-extension', 'handling', 'zx_shiftlead', {}, 'wrong_state'], // nothing requested
  ['approve-extension', 'suspension', 'zx_shiftlead', {}, 'wrong_state'], // another kind of request
  ['approve-extension', 'sign', 'zx_shiftlead', {}, 'wrong_state'],
  ['deny-extension', 'handling', 'zx_shiftlead', { reason: '不同意' }, 'wrong_state'],
  ['deny-extension', 'check', 'zx_shiftlead', { reason: '不同意' }, 'wrong_state'],
  ['request-suspension', 'check', 'zx_dispatcher', { reason: '待批复' }, 'wrong_state'],
  ['request-suspension', 'suspension', 'cgj_handler', { reason: '再次申请' }, 'request_pending'],
  ['suspend', 'suspended', 'zx_shiftlead', { reason: '待批复' }, 'wrong_state'],
  ['suspend', 'check', 'zx_shiftlead', { reason: '待批复' }, 'wrong_state'],
  ['deny-suspension', 'handling', 'zx_shiftlead', { reason: '不同意' }, 'wrong_state'],
  ['deny-suspension', 'extension', 'zx_shiftlead', { reason: '不同意' }, 'wrong_state'],
  ['resume', 'handling', 'zx_shiftlead', {}, 'wrong_state'],
  ['request-void', 'closed', 'zx_dispatcher', { reason: '重复' }, 'wrong_state'],
  ['request-void', 'voidReq', 'zx_dispatcher', { reason: '重复' }, 'request_pending'],
  ['void', 'closed', 'zx_shiftlead', { reason: '重复' }, 'wrong_state'],
  ['deny-void', 'handling', 'zx_shiftlead', { reason: '不同意' }, 'wrong_state'],
  ['deny-void', 'closed', 'zx_shiftlead', { reason: '不同意' }, 'wrong_state'],
  ['send-to-verify', 'dispatch', 'zx_dispatcher', {}, 'wrong_state'], // already accepted
  ['co-sign', 'coChecked', 'swj_handler', {}, 'wrong_state'], // handled: nothing left to take part in
  ['co-feedback', 'coChecked', 'swj_handler', { result: '已配合' }, 'wrong_state'],
  ['feedback', 'coWaiting', 'cgj_handler', { result: '已处置' }, 'wrong_state'], // the co-handler has not reported
  ['send-to-verify', 'verifying', 'zx_dispatcher', {}, 'wrong_state'], // already sent
  ['verify', 'accept', 'songling_gridworker', { confirmed: false, note: '现场未见' }, 'wrong_state'], // not sent to verify
  ['escalate', 'check', 'zx_dispatcher', { reason: '无法解决' }, 'wrong_state'],
  ['escalate', 'accept', 'zx_dispatcher', { reason: '无法解决' }, 'wrong_state'], // already at the district
  ['escalate', 'gridNew', 'songling_gridworker', { reason: '无法解决' }, 'wrong_state'], // the town has not accepted it
  ['self-handle', 'sign', 'songling_gridworker', { result: '已处置' }, 'wrong_state'],
  ['feedback', 'sign', 'cgj_handler', { result: '已处置' }, 'wrong_state'],
  ['check', 'handling', 'songling_gridworker', { passed: true }, 'wrong_state'],
  ['callback', 'close', 'zx_operator', { satisfaction: 'satisfied' }, 'wrong_state'],
  ['reopen', 'callback', 'zx_dispatcher', { reason: '未解决' }, 'wrong_state'],
  ['reopen', 'close', 'zx_dispatcher', { reason: '未解决' }, 'wrong_state'], // the citizen was satisfied
  ['close', 'callback', 'zx_dispatcher', {}, 'wrong_state'],
  ['close', 'closed', 'zx_dispatcher', {}, 'wrong_state'],
  ['force-close', 'closed', 'zx_shiftlead', { reason: '强制结案' }, 'wrong_state'],
  ['merge', 'check', 'zx_dispatcher', { duplicateIds: ['$order:accept'] }, 'wrong_state'],
  ['merge', 'dispatch', 'zx_dispatcher', { duplicateIds: ['$order:accept', '$order:handling'] }, 'wrong_state'], // a duplicate already handled
];

describe('(c) wrong state → 409, nothing changed', () => {
  it.each(WRONG_STATE)('%s on the %s order by %s', async (action, order, actor, body, code) => {
    const others: Key[] = action === 'merge' ? ['accept', 'handling'] : [];
    const r = await refused({ action, order, actor, body, others }, 409, code);
    expect(r.body.error.message).toMatch(HAS_CJK);
  });
});

// ── (d) malformed body: 400 naming the field, Chinese by default, English on request ──
const MALFORMED: [ActionName, Key, string, unknown, string][] = [
  ['accept', 'accept', 'zx_dispatcher', { note: 5 }, 'note'],
  ['accept', 'accept', 'zx_dispatcher', { categoryCode: '' }, 'categoryCode'],
  ['accept', 'accept', 'zx_dispatcher', { unitId: 1 }, 'unitId'],
  ['reject', 'accept', 'zx_dispatcher', {}, 'reason'],
  ['reject', 'accept', 'zx_dispatcher', { reason: '' }, 'reason'],
  ['reject', 'accept', 'zx_dispatcher', { reason: '重复', silent: true }, 'silent'],
  ['answer', 'consult', 'zx_operator', {}, 'answer'],
  ['answer', 'consult', 'zx_operator', { answer: '' }, 'answer'],
  ['answer', 'consult', 'zx_operator', { answer: '已答复', reason: '咨询' }, 'reason'],
  ['send-to-verify', 'accept', 'zx_dispatcher', { note: 5 }, 'note'],
  ['verify', 'verifying', 'songling_gridworker', { note: '属实' }, 'confirmed'],
  ['verify', 'verifying', 'songling_gridworker', { confirmed: 'yes', note: '属实' }, 'confirmed'],
  ['verify', 'verifying', 'songling_gridworker', { confirmed: false }, 'note'],
  ['verify', 'verifying', 'songling_gridworker', { confirmed: true, note: '属实', location: { lng: 999, lat: 31 } }, 'location.lng'],
  ['co-sign', 'sign', 'swj_handler', { note: 5 }, 'note'],
  ['co-feedback', 'sign', 'swj_handler', {}, 'result'],
  ['classify', 'dispatch', 'zx_dispatcher', {}, 'categoryCode'],
  ['classify', 'dispatch', 'zx_dispatcher', { categoryCode: 6012 }, 'categoryCode'],
  ['classify', 'dispatch', 'zx_dispatcher', { categoryCode: '06012', conditionCode: '' }, 'conditionCode'],
  ['dispatch', 'dispatch', 'zx_dispatcher', { unitId: 'WJ-CGJ' }, 'unitId'],
  ['dispatch', 'dispatch', 'zx_dispatcher', { unitId: 1.5 }, 'unitId'],
  ['dispatch', 'dispatch', 'zx_dispatcher', { coUnitIds: [0] }, 'coUnitIds.0'],
  ['dispatch', 'dispatch', 'zx_dispatcher', { unitCode: 'WJ-CGJ' }, 'unitCode'],
  ['redispatch', 'sign', 'zx_dispatcher', { reason: '改派' }, 'unitId'],
  ['redispatch', 'sign', 'zx_dispatcher', { unitId: '$unit:WJ-JTJ' }, 'reason'],
  ['redispatch', 'sign', 'zx_dispatcher', { unitId: '$unit:WJ-JTJ', reason: 7 }, 'reason'],
  ['add-co-handler', 'sign', 'zx_dispatcher', {}, 'unitId'],
  ['add-co-handler', 'sign', 'zx_dispatcher', { unitId: '3' }, 'unitId'],
  ['sign', 'sign', 'cgj_handler', { note: false }, 'note'],
  ['sign', 'sign', 'cgj_handler', { reason: '签收' }, 'reason'],
  ['return', 'handling', 'cgj_handler', {}, 'reason'],
  ['return', 'handling', 'cgj_handler', { reason: ['非本单位职责'] }, 'reason'],
  ['request-extension', 'handling', 'cgj_handler', { unit: 'working_days', reason: '需要时间' }, 'value'],
  ['request-extension', 'handling', 'cgj_handler', { value: '2', unit: 'working_days', reason: '需要时间' }, 'value'],
  ['request-extension', 'handling', 'cgj_handler', { value: 0, unit: 'working_days', reason: '需要时间' }, 'value'],
  ['request-extension', 'handling', 'cgj_handler', { value: 400, unit: 'working_days', reason: '需要时间' }, 'value'],
  ['request-extension', 'handling', 'cgj_handler', { value: 1, unit: 'weeks', reason: '需要时间' }, 'unit'],
  ['request-extension', 'handling', 'cgj_handler', { value: 1, unit: 'working_days' }, 'reason'],
  ['approve-extension', 'extension', 'zx_shiftlead', { note: 1 }, 'note'],
  ['approve-extension', 'extension', 'zx_shiftlead', { value: 5 }, 'value'],
  ['deny-extension', 'extension', 'zx_shiftlead', {}, 'reason'],
  ['request-suspension', 'handling', 'cgj_handler', {}, 'reason'],
  ['request-suspension', 'handling', 'cgj_handler', { reason: '' }, 'reason'],
  ['suspend', 'suspension', 'zx_shiftlead', { reason: '' }, 'reason'],
  ['suspend', 'suspension', 'zx_shiftlead', { reason: 1 }, 'reason'],
  ['suspend', 'handling', 'zx_shiftlead', {}, 'reason'], // nothing requested: a reason is required
  ['deny-suspension', 'suspension', 'zx_shiftlead', {}, 'reason'],
  ['resume', 'suspended', 'zx_shiftlead', { note: 1 }, 'note'],
  ['resume', 'suspended', 'zx_shiftlead', { state: 'handling' }, 'state'],
  ['request-void', 'dispatch', 'zx_dispatcher', {}, 'reason'],
  ['void', 'voidReq', 'zx_shiftlead', { reason: null }, 'reason'],
  ['void', 'dispatch', 'zx_shiftlead', {}, 'reason'], // nothing requested: a reason is required
  ['deny-void', 'voidReq', 'zx_shiftlead', {}, 'reason'],
  ['escalate', 'gridNew', 'songling_gridworker', {}, 'reason'],
  ['escalate', 'gridNew', 'songling_gridworker', { reason: '无法解决', level: 'district' }, 'level'],
  ['self-handle', 'gridNew', 'songling_gridworker', {}, 'result'],
  ['self-handle', 'gridNew', 'songling_gridworker', { result: '已处置', attachments: ['photo.jpg'] }, 'attachments.0'],
  ['self-handle', 'gridNew', 'songling_gridworker', { result: '已处置', attachments: 5 }, 'attachments'],
  ['feedback', 'handling', 'cgj_handler', {}, 'result'],
  ['feedback', 'handling', 'cgj_handler', { result: '' }, 'result'],
  ['feedback', 'handling', 'cgj_handler', { result: '已处置', attachments: [0] }, 'attachments.0'],
  ['check', 'check', 'songling_gridworker', {}, 'passed'],
  ['check', 'check', 'songling_gridworker', { passed: 'true' }, 'passed'],
  ['check', 'check', 'songling_gridworker', { passed: true, attachments: [-1] }, 'attachments.0'],
  ['callback', 'callback', 'zx_operator', {}, 'satisfaction'],
  ['callback', 'callback', 'zx_operator', { satisfaction: 'meh' }, 'satisfaction'],
  ['callback', 'callback', 'zx_operator', { satisfaction: 'satisfied', substantive: 'no' }, 'substantive'],
  ['callback', 'callback', 'zx_operator', { satisfaction: 'satisfied', reporterId: '1' }, 'reporterId'],
  ['reopen', 'closeBad', 'zx_dispatcher', {}, 'reason'],
  ['close', 'close', 'zx_dispatcher', { note: 1 }, 'note'],
  ['close', 'close', 'zx_dispatcher', { closedAt: '2026-01-01T00:00:00Z' }, 'closedAt'],
  ['force-close', 'handling', 'zx_shiftlead', {}, 'reason'],
  ['merge', 'dispatch', 'zx_dispatcher', {}, 'duplicateIds'],
  ['merge', 'dispatch', 'zx_dispatcher', { duplicateIds: [] }, 'duplicateIds'],
  ['merge', 'dispatch', 'zx_dispatcher', { duplicateIds: ['1'] }, 'duplicateIds.0'],
  ['merge', 'dispatch', 'zx_dispatcher', { duplicateIds: 5 }, 'duplicateIds'],
];

describe('(d) malformed body → 400 naming the field, zh-CN by default and en on request, nothing changed', () => {
  it.each(MALFORMED)('%s on the %s order by %s: %j → field %s', async (action, order, actor, body, field) => {
    const zh = await refused({ action, order, actor, body }, 400, 'invalid_field');
    expect(zh.body.error.field).toBe(field);
    expect(zh.body.error.message).toMatch(HAS_CJK);
    expect(zh.body.error.message).toContain(field);
    const en = await refused({ action, order, actor, body, lang: 'en' }, 400, 'invalid_field');
    expect(en.body.error.field).toBe(field);
    expect(en.body.error.message).not.toMatch(HAS_CJK);
    expect(en.body.error.message).toContain(field);
  });
});

// ── the rules' own refusals of a well-formed body: 422 naming the field (403 where it is about scope) ──
const UNPROCESSABLE: [string, ActionName, Key, string, unknown, number, string, string | undefined, Key[]?][] = [
  ['accept with an unknown category', 'accept', 'accept', 'zx_dispatcher', { categoryCode: '99999' }, 422, 'unprocessable', 'categoryCode'],
  ['confirm without a photo', 'verify', 'verifying', 'songling_gridworker', { confirmed: true, note: '属实', location: { lng: 120.646, lat: 31.163 } }, 422, 'unprocessable', 'attachments'],
  ['classify under a major class', 'classify', 'dispatch', 'zx_dispatcher', { categoryCode: '06' }, 422, 'unprocessable', 'categoryCode'],
  ['classify with a condition of another category', 'classify', 'dispatch', 'zx_dispatcher', { categoryCode: '06012', conditionCode: '06013-01' }, 422, 'unprocessable', 'conditionCode'],
  ['dispatch to a unit that does not exist', 'dispatch', 'dispatch', 'zx_dispatcher', { unitId: 999999 }, 422, 'unprocessable', 'unitId'],
  ['dispatch to the command centre itself', 'dispatch', 'dispatch', 'zx_dispatcher', { unitId: '$unit:WJ-ZX' }, 422, 'unprocessable', 'unitId'],
  ["dispatch to another town's sub-centre", 'dispatch', 'dispatch', 'zx_dispatcher', { unitId: '$unit:WJ-ZX-320509105' }, 422, 'unprocessable', 'unitId'],
  ['dispatch with the lead as co-handler', 'dispatch', 'dispatch', 'zx_dispatcher', { unitId: '$unit:WJ-CGJ', coUnitIds: ['$unit:WJ-CGJ'] }, 422, 'unprocessable', 'coUnitIds'],
  ['dispatch with an unknown co-handler', 'dispatch', 'dispatch', 'zx_dispatcher', { unitId: '$unit:WJ-CGJ', coUnitIds: [999999] }, 422, 'unprocessable', 'coUnitIds'],
  ['redispatch to the unit handling it', 'redispatch', 'sign', 'zx_dispatcher', { unitId: '$unit:WJ-CGJ', reason: '改派' }, 422, 'unprocessable', 'unitId'],
  ['add the lead as its own co-handler', 'add-co-handler', 'handling', 'cgj_handler', { unitId: '$unit:WJ-CGJ' }, 422, 'unprocessable', 'unitId'],
  ['feedback with a file never uploaded', 'feedback', 'handling', 'cgj_handler', { result: '已处置', attachments: ['7d1c1c5e-3b7a-4c1e-9d55-0d2f8a6b9e01'] }, 422, 'unprocessable', 'attachments'],
  ['self-handle with a file never uploaded', 'self-handle', 'gridNew', 'songling_gridworker', { result: '已处置', attachments: ['7d1c1c5e-3b7a-4c1e-9d55-0d2f8a6b9e01'] }, 422, 'unprocessable', 'attachments'],
  ['check with a file never uploaded', 'check', 'check', 'songling_gridworker', { passed: false, attachments: ['7d1c1c5e-3b7a-4c1e-9d55-0d2f8a6b9e01'] }, 422, 'unprocessable', 'attachments'],
  ["callback naming another order's reporter", 'callback', 'callback', 'zx_operator', { satisfaction: 'satisfied', reporterId: 999999 }, 422, 'unprocessable', 'reporterId'],
  ['merge an order into itself', 'merge', 'dispatch', 'zx_dispatcher', { duplicateIds: ['$order:dispatch'] }, 422, 'unprocessable', 'duplicateIds'],
  ['merge an order that does not exist', 'merge', 'dispatch', 'zx_dispatcher', { duplicateIds: ['$order:accept', 2_000_000_000] }, 404, 'not_found', undefined, ['accept']],
  ["merge another centre's order", 'merge', 'gridNew', 'songling_dispatcher', { duplicateIds: ['$order:accept'] }, 403, 'forbidden', undefined, ['accept']],
];

describe('well-formed but refused by the rules → 4xx naming the field, nothing changed', () => {
  it.each(UNPROCESSABLE)('%s', async (_label, action, order, actor, body, status, code, field, others) => {
    const r = await refused({ action, order, actor, body, others }, status, code);
    expect(r.body.error.field).toBe(field);
    const en = await refused({ action, order, actor, body, others, lang: 'en' }, status, code);
    expect(en.body.error.message).not.toMatch(HAS_CJK);
  });

  it('a substantive dissatisfaction reopens at the callback itself: nothing is left to reopen by hand', async () => {
    const f = await orderIn(s, 'pending_callback');
    const cb = await (await s.as('zx_operator')).act(f.id, 'callback', { satisfaction: 'dissatisfied', substantive: true, note: '问题没有解决' });
    expect(cb.body.state.code).toBe('pending_sign');
    const before = await snapshot(s, f.id);
    const r = await (await s.as('zx_dispatcher')).act(f.id, 'reopen', { reason: '群众不满意' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('wrong_state');
    expect(await snapshot(s, f.id)).toEqual(before);
  });
});

// ── the order id and the caller ──
describe('order id and credentials', () => {
  it.each(ACTION_NAMES)('%s: unknown order id → 404 not_found', async (action) => {
    const before = await tableCounts(s);
    const r = await (await s.as('admin')).act(2_000_000_000, action, resolve(VALID[action]));
    expect({ status: r.status, code: r.body.error?.code }).toEqual({ status: 404, code: 'not_found' });
    expect(await tableCounts(s)).toEqual(before);
  });

  it.each(ACTION_NAMES)('%s: non-numeric order id → 400 naming id', async (action) => {
    const r = await (await s.as('zx_shiftlead')).request('POST', `/api/v1/orders/abc/actions/${action}`, resolve(VALID[action]));
    expect({ status: r.status, code: r.body.error?.code, field: r.body.error?.field }).toEqual({ status: 400, code: 'invalid_field', field: 'id' });
  });

  it.each(ACTION_NAMES)('%s: no credentials → 401 unauthenticated, nothing changed', async (action) => {
    await refused({ action, order: 'handling', actor: null, body: VALID[action], others: action === 'merge' ? ['accept'] : [] }, 401, 'unauthenticated');
  });

  it('a forged token is no credential either', async () => {
    const r = await s.anonymous.request('POST', `/api/v1/orders/${O.handling.id}/actions/feedback`, { result: 'x' }, { authorization: 'Bearer lds_forged' });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthenticated');
  });

  it('an id beyond any integer is answered as not found, never a 500', async () => {
    const r = await (await s.as('admin')).request('POST', '/api/v1/orders/99999999999999/actions/close', {});
    expect([400, 404]).toContain(r.status);
  });

  it('an unknown action → 404', async () => {
    const r = await (await s.as('admin')).request('POST', `/api/v1/orders/${O.handling.id}/actions/teleport`, {});
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });

  it('a body that is not JSON → 400 invalid_json, nothing changed', async () => {
    const before = await snapshot(s, O.handling.id);
    const r = await (await s.as('cgj_handler')).request('POST', `/api/v1/orders/${O.handling.id}/actions/feedback`, '{"result": ', { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_json');
    expect(await snapshot(s, O.handling.id)).toEqual(before);
  });
});
