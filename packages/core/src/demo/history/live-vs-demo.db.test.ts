/**
 * The demo history and the live platform do the same thing to an order (the differential test of issue 7):
 * seeded orders of a generated day are played again through the live use cases (createOrder, performAction)
 * with the same actors, bodies and moments, and must end with the same timeline (action, states, note, data,
 * acting unit), the same step clocks (start, due moment, limit, end) and the same units, lead, co and dispatch.
 * Merged orders are left out: a merge moves reporters between two orders and is checked by the history tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import type { CreateOrderInput } from '@liandong/contracts';
import { DEMO_SEED } from '../../../test/seeds.ts';
import { CalendarProvider } from '../../calendar/index.ts';
import { TerritoryService } from '../../territory/index.ts';
import type { Actor } from '../../org/actor.ts';
import { createOrder } from '../../orders/create-order.ts';
import { performAction } from '../../orders/perform-action.ts';
import { ReferenceCache } from '../../orders/intake/reference-cache.ts';
import type { OrderServices } from '../../orders/order-services.ts';
import { generateDay } from './generate-day.ts';
import { LADDER_ACTIONS } from './history-ladder.ts';
import { loadHistoryContext } from './history-context.ts';
import type { SimActor, SimOrder } from './history.types.ts';
import { buildPools } from './plan-pools.ts';
import { planTools, type OrderPlan } from './plan-orders.ts';
import { CLASSIFIED_AT_INTAKE } from './sim-create.ts';
import { frequentCallers } from './texts-places.ts';

const SEED = 20_260_312;
const END_AT = new Date('2026-03-12T08:00:00Z');
const ORDERS = 150;

let t: TestDatabase;
let now = END_AT;
let services: OrderServices;
const played: { plan: OrderPlan; sim: SimOrder }[] = [];

beforeAll(async () => {
  t = await createTestDb(DEMO_SEED);
  const ctx = await loadHistoryContext(t.db);
  const tools = planTools(ctx, buildPools(ctx.catalogue), frequentCallers(SEED));
  // Twelve days before the end: orders of every path have time to finish (some stay open "now").
  const g = generateDay(tools, { seed: SEED, start: new Date(END_AT.getTime() - 12 * 86_400_000), endAt: END_AT, perDay: 1200, batchSize: 1000 }, { record: true });
  const merged = new Set(g.plans.filter((p) => p.dupOf !== null).flatMap((p) => [p.seq, p.dupOf!]));
  // The first orders, and after them any order that takes an action not seen yet (the rare paths).
  const seen = new Set<string>();
  for (const [i, sim] of g.orders.entries()) {
    const plan = g.plans[i]!;
    if (merged.has(plan.seq)) continue;
    const calls = (sim.calls ?? []).map((c) => c.action);
    if (played.length >= ORDERS && calls.every((a) => seen.has(a))) continue;
    calls.forEach((a) => seen.add(a));
    played.push({ plan, sim });
  }
  const calendar = new CalendarProvider();
  services = { clock: () => now, territory: new TerritoryService(t.db), calendar: (q) => calendar.get(q), reference: new ReferenceCache() };
}, 120_000);
afterAll(() => t?.close());

const liveActor = (a: SimActor): Actor => ({ userId: a.userId ?? 0, username: 'history', displayName: 'history', roles: a.roles, unitId: a.unitId, unitIds: a.unitIds, areaCodes: a.areaCodes });
/** JSON as stored (dates as ISO text) with keys sorted, as jsonb keeps them in its own order. */
const sortKeys = (x: unknown): unknown =>
  Array.isArray(x) ? x.map(sortKeys) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)])) : x;
const wire = (x: unknown) => sortKeys(JSON.parse(JSON.stringify(x ?? {})));
const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function playLive(plan: OrderPlan, sim: SimOrder): Promise<{ id: number; refused: string | null }> {
  now = plan.at;
  const input: CreateOrderInput = {
    channel: plan.channel,
    nature: plan.nature,
    description: plan.description,
    address: plan.address,
    location: { lng: plan.lng, lat: plan.lat },
    confidential: plan.confidential,
    ...(CLASSIFIED_AT_INTAKE.has(plan.channel) ? { categoryCode: plan.condition.categoryCode, conditionCode: plan.condition.code } : {}),
    ...(plan.reporter
      ? { reporter: { ...(plan.reporter.name ? { name: plan.reporter.name } : {}), ...(plan.reporter.phone ? { phone: plan.reporter.phone } : {}), anonymous: plan.reporter.anonymous } }
      : {}),
  };
  const created = await createOrder(t.db, liveActor(sim.events[0]!.actor), input, `diff-${plan.seq}-${plan.at.getTime()}`, services);
  const id = created.order.id;
  const reporterIds = (await t.db.query<{ id: number }>('select id from order_reporters where order_id = $1 order by id', [id])).rows.map((r) => r.id);
  sim.reporters.forEach((r, i) => (r.id = reporterIds[i]!));
  for (const call of sim.calls ?? []) {
    now = call.at;
    const { reporter, ...rest } = call.body as { reporter?: unknown };
    const body = reporter ? { ...rest, reporterId: reporterIds[sim.reporters.indexOf(reporter as never)] } : call.body;
    try {
      await performAction(t.db, liveActor(call.actor), id, call.action, body as never, services);
    } catch (err) {
      return { id, refused: `${call.action} at ${call.at.toISOString()}: ${(err as Error).message}` };
    }
  }
  return { id, refused: null };
}

async function liveShape(id: number) {
  const events = await t.db.query<{ action: string; from_state: string | null; to_state: string; note: string | null; data: unknown; actor_unit_id: number | null }>(
    'select action, from_state, to_state, note, data, actor_unit_id from order_events where order_id = $1 order by id',
    [id],
  );
  const clocks = await t.db.query<{ step: string; started_at: Date; due_at: Date; limit_value: number; limit_unit: string; done_at: Date | null }>(
    'select step, started_at, due_at, limit_value::float8 as limit_value, limit_unit, done_at from order_deadlines where order_id = $1 order by step',
    [id],
  );
  const units = await t.db.query<{ unit_id: number; role: string; active: boolean }>('select unit_id, role, active from order_units where order_id = $1 order by unit_id, role', [id]);
  return {
    timeline: events.rows.map((e) => ({ action: e.action, from: e.from_state, to: e.to_state, note: e.note, data: wire(e.data), unit: e.actor_unit_id })),
    clocks: clocks.rows.map((d) => ({ step: d.step, startedAt: iso(d.started_at), dueAt: iso(d.due_at), limit: [Number(d.limit_value), d.limit_unit], doneAt: iso(d.done_at) })),
    units: units.rows.map((u) => ({ unitId: u.unit_id, role: u.role, active: u.active })),
  };
}

function simShape(sim: SimOrder, id: number) {
  const ref = { idOf: () => id, codeOf: () => '' };
  return {
    // The clock's supervisions are the sweeper's, which the live replay does not run (history-ladder.ts).
    timeline: sim.events.filter((e) => !LADDER_ACTIONS.has(e.action)).map((e) => ({ action: e.action, from: e.from, to: e.to, note: e.note ?? null, data: wire(e.resolveData ? e.resolveData(ref) : e.data), unit: e.actor.unitId })),
    clocks: [...sim.deadlines.values()]
      .sort((a, b) => (a.step < b.step ? -1 : 1))
      .map((d) => ({ step: d.step, startedAt: iso(d.startedAt), dueAt: iso(d.dueAt), limit: [d.value, d.unit], doneAt: iso(d.doneAt) })),
    units: [...sim.units.values()]
      .sort((a, b) => a.unitId - b.unitId || (a.role < b.role ? -1 : 1))
      .map((u) => ({ unitId: u.unitId, role: u.role, active: u.active })),
  };
}

describe('the demo history against the live platform', () => {
  it(`plays ${ORDERS}+ seeded orders (every path) through both and gets the same timelines, clocks and units`, async () => {
    expect(played.length).toBeGreaterThanOrEqual(ORDERS);
    const actions = new Set(played.flatMap(({ sim }) => (sim.calls ?? []).map((c) => c.action)));
    // The sample covers every path of the history: routing with co-handlers, approvals, suspension, rework,
    // callbacks, escalation, voiding and the forced close.
    for (const a of ['accept', 'dispatch', 'add-co-handler', 'sign', 'return', 'request-extension', 'approve-extension', 'deny-extension', 'request-suspension', 'suspend', 'resume', 'escalate', 'feedback', 'check', 'callback', 'close', 'force-close', 'request-void', 'void', 'self-handle']) {
      expect([...actions]).toContain(a);
    }
    expect(played.filter(({ sim }) => sim.events.some((e) => ((e.data.coUnitIds as number[] | undefined) ?? []).length > 0)).length).toBeGreaterThan(10);
    const differences: string[] = [];
    for (const { plan, sim } of played) {
      const { id, refused } = await playLive(plan, sim);
      if (refused) {
        differences.push(`order seq ${plan.seq}: the live platform refused ${refused}`);
        continue;
      }
      const live = await liveShape(id);
      const demo = simShape(sim, id);
      for (const part of ['timeline', 'clocks', 'units'] as const) {
        if (JSON.stringify(live[part]) !== JSON.stringify(demo[part])) {
          differences.push(`order seq ${plan.seq} (${plan.channel}, ${[...(sim.calls ?? []).map((c) => c.action)].join(' → ')}): ${part}\n  live ${JSON.stringify(live[part])}\n  demo ${JSON.stringify(demo[part])}`);
        }
      }
    }
    expect(differences).toEqual([]);
  }, 300_000);
});
