/**
 * The actions on a real database, below HTTP, on the minimal seed: the decisions' effects on clocks and units,
 * the order conditions (409) and the allowed actions each role is offered, with a manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { MINIMAL_SEED } from '../../test/seeds.ts';
import { minimalWorld, type MinimalWorld } from '../../test/factories.ts';
import { DomainError } from '../shared/errors.ts';
import { allowedActions } from './order-scope.ts';
import { getOrder, listDeadlines } from './order.repository.ts';

let t: TestDatabase;
let w: MinimalWorld;
beforeAll(async () => {
  t = await createTestDb(MINIMAL_SEED);
  w = await minimalWorld(t.db);
});
afterAll(() => t?.close());

const clock = async (orderId: number, step: string) => (await listDeadlines(t.db, orderId)).find((d) => d.step === step)!;
const units = async (orderId: number) =>
  (await t.db.query<{ code: string; role: string; active: boolean }>('select u.code, ou.role, ou.active from order_units ou join units u on u.id = ou.unit_id where order_id = $1 order by u.code, ou.role', [orderId])).rows;
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof DomainError ? { status: e.status, code: e.code } : { error: String(e) }));

describe('actions on the minimal district', () => {
  it('routes by the catalogue, starts the condition’s clocks, and hands the order to the department', async () => {
    w.clock.now = new Date('2026-03-02T01:00:00Z'); // Monday 09:00 in China
    const o = await w.orderIn('pending_sign');
    expect(o.handler_unit_id).toBe(await w.unitId('T-CGJ'));
    expect(await units(o.id)).toEqual([
      { code: 'T-CGJ', role: 'lead', active: true },
      { code: 'T-ZX', role: 'dispatch', active: true },
    ]);
    const sign = await clock(o.id, 'sign');
    expect([sign.limit_value, sign.limit_unit]).toEqual([2, 'working_hours']);
    expect((await clock(o.id, 'handle')).limit_unit).toBe('working_days');
    expect(allowedActions(w.as('t_handler'), o)).toEqual(expect.arrayContaining(['sign', 'return']));
    expect(allowedActions(w.as('t_handler'), o)).not.toContain('request-extension');
    // The grid worker sees the order of his grid but may do nothing to a district order (no level above it).
    expect(allowedActions(w.as('t_grid_worker'), o)).toEqual([]);
  });

  it('an approved extension moves the handling clock and grows its limit; a second request waits for the first', async () => {
    const o = await w.orderIn('handling');
    const before = await clock(o.id, 'handle');
    await w.act('t_handler', o.id, 'request-extension', { value: 3, unit: 'working_days', reason: '需协调多个部门' });
    expect(await refusal(w.act('t_handler', o.id, 'request-extension', { value: 1, unit: 'working_days', reason: '再延' }))).toEqual({ status: 409, code: 'request_pending' });
    expect(allowedActions(w.as('t_shift_lead'), (await getOrder(t.db, o.id))!)).toEqual(expect.arrayContaining(['approve-extension', 'deny-extension']));
    await w.act('t_shift_lead', o.id, 'approve-extension');
    const after = await clock(o.id, 'handle');
    expect(after.limit_value).toBe(before.limit_value + 3);
    expect(after.due_at.getTime()).toBeGreaterThan(before.due_at.getTime());
    expect(await refusal(w.act('t_shift_lead', o.id, 'approve-extension'))).toEqual({ status: 409, code: 'wrong_state' });
  });

  it('a suspension stops the clocks and a resume moves them on by the time suspended', async () => {
    w.clock.now = new Date('2026-03-03T01:00:00Z'); // Tuesday 09:00
    const o = await w.orderIn('handling');
    const due = (await clock(o.id, 'handle')).due_at;
    await w.act('t_shift_lead', o.id, 'suspend', { reason: '涉及司法程序' });
    expect((await t.db.query('select 1 from timers where order_id = $1 and fired_at is null', [o.id])).rowCount).toBe(0);
    w.clock.now = new Date('2026-03-04T01:00:00Z'); // one working day later
    const resumed = await w.act('t_shift_lead', o.id, 'resume');
    expect(resumed.state).toBe('handling');
    const moved = (await clock(o.id, 'handle')).due_at;
    expect(moved.getTime() - due.getTime()).toBe(86_400_000);
    expect((await t.db.query('select 1 from timers where order_id = $1 and fired_at is null', [o.id])).rowCount).toBeGreaterThan(0);
  });

  it('a return releases the department and restarts the dispatch clock at the centre', async () => {
    const o = await w.orderIn('handling');
    const back = await w.act('t_handler', o.id, 'return', { reason: '不属于本单位职责' });
    expect(back).toMatchObject({ state: 'pending_dispatch', handler_unit_id: null, return_count: 1 });
    expect((await units(o.id)).find((u) => u.code === 'T-CGJ')).toMatchObject({ role: 'lead', active: false });
    expect((await clock(o.id, 'dispatch')).done_at).toBeNull();
  });
});
