/**
 * Plans one day of arrivals: when each report comes in, from which channel, about what, where, from whom,
 * and which twists its path takes. Deterministic per (seed, day start): a restart plans the same day again.
 */
import { chinaDayOf } from '../../calendar/index.ts';
import type { HistoryCondition } from './context-catalogue.ts';
import type { HistoryContext, HistoryGrid } from './history-context.ts';
import type { IntakeKind, PathFlags, RouteKind } from './history.types.ts';
import { CHANNEL_MIX, DAY_FACTOR, HOURLY_CITIZEN, HOURLY_PATROL, HOURLY_VIDEO, intakeOf, NATURE_MIX, RATES, ROUTE_MIX } from './plan-mix.ts';
import type { ConditionPools } from './plan-pools.ts';
import { describe, describeAgain, planReporter, type PlannedReporter } from './plan-texts.ts';
import { chance, hashSeed, Picker, streamFor, type Rng } from './rng.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface OrderPlan {
  seq: number;
  at: Date;
  channel: string;
  intake: IntakeKind;
  nature: string;
  kind: RouteKind;
  condition: HistoryCondition;
  grid: HistoryGrid;
  lng: number;
  lat: number;
  districtCode: string;
  professionalGridCodes: string[];
  description: string;
  address: string;
  reporter: PlannedReporter | null;
  confidential: boolean;
  flags: PathFlags;
  /** A consultation the centre answers on the phone and closes itself (直接办结). */
  answerDirectly: boolean;
  /** The earlier order (seq) this one repeats, to be merged into it (并单). */
  dupOf: number | null;
  /** Seed of the order's own stream for its path. */
  pathSeed: number;
}

export interface PlanTools {
  ctx: HistoryContext;
  pools: ConditionPools;
  grids: Picker<HistoryGrid>;
  frequent: readonly { name: string; phone: string }[];
  channels: Picker<string>;
  natures: Picker<string>;
  routes: Record<IntakeKind, Picker<RouteKind>>;
}

/** Orders in the 24 hours from `start`: the daily figure, fewer on rest days, with a little noise. */
export function dayCount(ctx: HistoryContext, seed: number, start: Date, perDay: number): number {
  const rng = streamFor(seed, start.getTime() / 60_000, 0xc0);
  const mid = new Date(start.getTime() + DAY_MS / 2);
  const factor = ctx.calendar.isWorkday(chinaDayOf(mid)) ? DAY_FACTOR.workday : DAY_FACTOR.restday;
  return Math.max(1, Math.round(perDay * factor * (0.97 + 0.06 * rng())));
}

function arrival(rng: Rng, start: number, curve: readonly number[]): Date {
  const max = Math.max(...curve);
  for (;;) {
    const t = start + rng() * DAY_MS;
    const hour = Math.floor(((t + 8 * HOUR_MS) % DAY_MS) / HOUR_MS);
    if (rng() * max < curve[hour]!) return new Date(t);
  }
}

/** A point inside the grid, located by the same index as the API, so grid, village and town agree. */
function pointIn(rng: Rng, ctx: HistoryContext, g: HistoryGrid): { lng: number; lat: number; district: string; professional: string[] } {
  const [x0, y0, x1, y1] = g.bbox;
  for (let i = 0; i < 200; i++) {
    const lng = x0 + rng() * (x1 - x0);
    const lat = y0 + rng() * (y1 - y0);
    const m = ctx.index.lookup(lng, lat);
    if (m.basicGrid?.code === g.code && m.districtCode) return { lng, lat, district: m.districtCode, professional: m.professionalGrids.map((p) => p.code) };
  }
  throw new Error(`demo history: no point found inside grid ${g.code}`);
}

function drawFlags(rng: Rng, intake: IntakeKind, kind: RouteKind): PathFlags {
  const handled = kind !== 'self';
  const rejectRate = intake === 'district' ? RATES.rejectDistrict : intake === 'video' ? RATES.rejectVideo : 0;
  const ext = handled && chance(rng, RATES.extension);
  const unhappy = chance(rng, RATES.dissatisfied);
  return {
    reject: chance(rng, rejectRate),
    voidIt: intake === 'district' && chance(rng, RATES.void),
    escalate: intake === 'patrol' && kind === 'town',
    wrongUnitFirst: handled && chance(rng, RATES.wrongUnitFirst),
    coHandler: handled && chance(rng, RATES.coHandler),
    extension: !ext ? 'none' : chance(rng, RATES.extensionDenied) ? 'denied' : 'approved',
    suspension: handled && chance(rng, RATES.suspension),
    rework: handled && chance(rng, RATES.rework),
    dissatisfied: !unhappy ? 'none' : chance(rng, RATES.dissatisfiedReopened) ? 'reopened' : 'closed',
    lingering: handled && chance(rng, RATES.lingering),
  };
}

function planOne(t: PlanTools, seed: number, dayKey: number, seq: number, at: Date, channel: string): OrderPlan {
  const pathSeed = hashSeed(seed, dayKey, seq);
  const rng = streamFor(pathSeed, 1);
  const intake = intakeOf(channel);
  const kind = t.routes[intake].draw(rng);
  const condition = t.pools[kind].draw(rng);
  const grid = t.grids.draw(rng);
  const p = pointIn(rng, t.ctx, grid);
  const nature = intake === 'district' && channel !== 'leader' ? t.natures.draw(rng) : channel === 'leader' ? 'complaint' : 'report';
  const { description, address } = describe(rng, channel, nature, condition, grid);
  return {
    seq,
    at,
    channel,
    intake,
    nature,
    kind,
    condition,
    grid,
    lng: p.lng,
    lat: p.lat,
    districtCode: p.district,
    professionalGridCodes: p.professional,
    description,
    address,
    reporter: planReporter(rng, channel, t.frequent),
    confidential: nature === 'report' && intake === 'district' && chance(rng, RATES.confidentialReport),
    flags: drawFlags(rng, intake, kind),
    // Drawn last, so the rest of the order's stream is what it was before direct answers existed.
    answerDirectly: nature === 'consultation' && chance(rng, RATES.directAnswer),
    dupOf: null,
    pathSeed,
  };
}

/** Turns a few district-intake orders into repeats of an earlier one in the same batch (merges stay in a batch). */
function planDuplicates(t: PlanTools, rng: Rng, plans: OrderPlan[], batchOf: (seq: number) => number): void {
  for (const p of plans) {
    if (p.intake !== 'district' || !chance(rng, RATES.duplicate) || p.answerDirectly) continue;
    const target = plans
      .slice(0, p.seq)
      .reverse()
      .find((x) => batchOf(x.seq) === batchOf(p.seq) && x.intake === 'district' && x.kind !== 'self' && x.dupOf === null && !x.answerDirectly && !x.flags.reject && !x.flags.voidIt && x.reporter?.phone && p.at.getTime() - x.at.getTime() > 600_000);
    if (!target || p.at.getTime() - target.at.getTime() > 3 * HOUR_MS) continue;
    Object.assign(p, {
      kind: target.kind,
      condition: target.condition,
      grid: target.grid,
      lng: target.lng + (rng() - 0.5) * 1e-4,
      lat: target.lat + (rng() - 0.5) * 1e-4,
      description: describeAgain(rng, target.description),
      address: target.address,
      dupOf: target.seq,
    });
    const m = t.ctx.index.lookup(p.lng, p.lat);
    // The nudged point must stay in the same grid; otherwise it keeps the original point.
    if (m.basicGrid?.code !== target.grid.code) Object.assign(p, { lng: target.lng, lat: target.lat });
    p.professionalGridCodes = t.ctx.index.lookup(p.lng, p.lat).professionalGrids.map((g) => g.code);
  }
}

export function planTools(ctx: HistoryContext, pools: ConditionPools, frequent: readonly { name: string; phone: string }[]): PlanTools {
  const routes = Object.fromEntries(Object.entries(ROUTE_MIX).map(([k, mix]) => [k, Picker.of(mix)])) as Record<IntakeKind, Picker<RouteKind>>;
  return {
    ctx,
    pools,
    grids: Picker.by(ctx.grids, (g) => g.population),
    frequent,
    channels: Picker.of(CHANNEL_MIX),
    natures: Picker.of(NATURE_MIX),
    routes,
  };
}

/** The day's plans in arrival order, and its batches as [from, to) seq ranges of about batchSize orders. */
export function planDay(t: PlanTools, seed: number, start: Date, perDay: number, batchSize: number): { plans: OrderPlan[]; batches: [number, number][] } {
  const dayKey = start.getTime() / 60_000;
  const count = dayCount(t.ctx, seed, start, perDay);
  const rng = streamFor(seed, dayKey, 0xa7);
  const arrivals: { at: Date; channel: string }[] = [];
  for (let i = 0; i < count; i++) {
    const channel = t.channels.draw(rng);
    const curve = channel === 'grid_patrol' ? HOURLY_PATROL : channel === 'video' ? HOURLY_VIDEO : HOURLY_CITIZEN;
    arrivals.push({ at: arrival(rng, start.getTime(), curve), channel });
  }
  arrivals.sort((a, b) => a.at.getTime() - b.at.getTime());
  const plans = arrivals.map((a, seq) => planOne(t, seed, dayKey, seq, a.at, a.channel));
  const n = Math.max(1, Math.round(count / batchSize));
  const batches: [number, number][] = Array.from({ length: n }, (_, i) => [Math.floor((i * count) / n), Math.floor(((i + 1) * count) / n)]);
  const batchOf = (seq: number) => batches.findIndex(([a, b]) => seq >= a && seq < b);
  planDuplicates(t, streamFor(seed, dayKey, 0xd0), plans, batchOf);
  return { plans, batches };
}
