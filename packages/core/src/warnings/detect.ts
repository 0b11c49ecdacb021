/**
 * The detectors of early warning (预警): each counts in SQL what its rule looks at and hands the arithmetic to
 * detectors.rules.ts. They read; run-warnings.ts writes. Orders merged into another (并单) are the same matter
 * and are not counted again.
 */
import type { Queryable } from '@liandong/db';
import { STEP_LABELS, TIME_UNIT_LABELS, type Step } from '@liandong/contracts';
import type { WorkingCalendar, TimeUnit } from '../calendar/index.ts';
import { maskPhone } from '../org/personal-data.ts';
import { boxHalfLat, distanceM, inBoxAroundSql } from '../territory/distance.rules.ts';
import { supervisedUnit } from '../orders/step-clock.rules.ts';
import { ownCallSql } from '../orders/callers/same-caller.ts';
import { atRisk, atRiskTexts, backlogTest, backlogTexts, callerTexts, placeClusters, placeTexts, spikeTest, spikeTexts } from './detectors.rules.ts';
import type { AtRiskParams, BacklogParams, RepeatCallerParams, RepeatPlaceParams, SpikeParams } from './rule-params.rules.ts';
import type { Candidate, DivisionPlace } from './warning.types.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Every division with its town and district, for naming and scoping warnings. */
export async function loadPlaces(q: Queryable): Promise<Map<string, DivisionPlace>> {
  const r = await q.query<{ code: string; name: string; level: string; parent_code: string | null }>('select code, name, level, parent_code from divisions');
  const byCode = new Map(r.rows.map((d) => [d.code, d]));
  const out = new Map<string, DivisionPlace>();
  for (const d of r.rows) {
    const up = (code: string | null, level: string): string | null => {
      for (let c = code, i = 0; c && i < 6; c = byCode.get(c)?.parent_code ?? null, i++) if (byCode.get(c)?.level === level) return c;
      return null;
    };
    out.set(d.code, { code: d.code, name: d.name, level: d.level, districtCode: up(d.code, 'district'), townCode: up(d.code, 'town'), villageCode: up(d.code, 'village') });
  }
  return out;
}

interface SpikeRow {
  area: string;
  cat: string;
  cat_name: string;
  n: number;
  base: number;
  ids: string[];
}

/** 类别激增: per level (villages first), the categories whose count in the window passes the Poisson test. */
export async function detectSpikes(q: Queryable, ruleCode: string, p: SpikeParams, now: Date, places: Map<string, DivisionPlace>): Promise<Candidate[]> {
  const from = new Date(now.getTime() - p.windowHours * HOUR);
  // The baseline is the past the platform holds: a deployment (or a demo history) younger than baselineDays has a
  // shorter one, never days of zeros before its first order. Less than one window of past: nothing to compare with.
  const first = (await q.query<{ at: Date | null }>('select min(created_at) as at from orders')).rows[0]?.at ?? null;
  const baseFrom = new Date(Math.max(from.getTime() - p.baselineDays * DAY, first?.getTime() ?? from.getTime()));
  const windows = (from.getTime() - baseFrom.getTime()) / (p.windowHours * HOUR);
  if (windows < 1) return [];
  const baselineDays = Math.round(((from.getTime() - baseFrom.getTime()) / DAY) * 10) / 10;
  const levels = (['village', 'town'] as const).filter((l) => p.levels.includes(l));
  const out: Candidate[] = [];
  /** Village spikes by town and category: a town's spike must stand without them. */
  const explained = new Map<string, { n: number; base: number }>();
  for (const level of levels) {
    const col = level === 'village' ? 'village_code' : 'town_code';
    const r = await q.query<SpikeRow>(
      `with recent as (
         select o.${col} as area, o.category_code as cat, count(*)::int as n, array_agg(o.id order by o.id) as ids
           from orders o
          where o.created_at > $1 and o.created_at <= $2 and o.merged_into_id is null
            and o.${col} is not null and o.category_code is not null
          group by 1, 2 having count(*) >= $4)
       select r.area, r.cat, c.name as cat_name, r.n, r.ids,
              (select count(*)::int from orders b
                where b.${col} = r.area and b.category_code = r.cat and b.merged_into_id is null
                  and b.created_at > $3 and b.created_at <= $1) as base
         from recent r join categories c on c.code = r.cat
        order by r.area, r.cat`,
      [from, now, baseFrom, p.minCount],
    );
    for (const row of r.rows) {
      const place = places.get(row.area);
      if (!place) continue;
      let n = row.n;
      let base = row.base;
      if (level === 'town') {
        const v = explained.get(`${row.area}|${row.cat}`);
        if (v) {
          n -= v.n;
          base -= v.base;
        }
      }
      const t = spikeTest(n, Math.max(0, base), windows, p);
      if (!t.fires) continue;
      if (level === 'village' && place.townCode) {
        const k = `${place.townCode}|${row.cat}`;
        const e = explained.get(k) ?? { n: 0, base: 0 };
        explained.set(k, { n: e.n + row.n, base: e.base + row.base });
      }
      const texts = spikeTexts({ areaName: place.name, categoryName: row.cat_name, windowHours: p.windowHours, baselineDays, baselineCount: base, alpha: p.alpha, minCount: p.minCount, t });
      out.push({
        kind: 'spike',
        ruleCode,
        dedupeKey: `spike:${level}:${row.area}:${row.cat}`,
        areaLevel: level,
        districtCode: place.districtCode,
        townCode: place.townCode,
        villageCode: place.villageCode,
        categoryCode: row.cat,
        observed: t.observed,
        expected: round(t.expected, 4),
        threshold: t.threshold,
        pValue: t.pValue,
        windowFrom: from,
        windowTo: now,
        details: { level, windowHours: p.windowHours, baselineDays, baselineCount: base, alpha: p.alpha, minCount: p.minCount, ...(n !== row.n ? { countWithVillages: row.n } : {}) },
        orderIds: row.ids.map(Number),
        ...texts,
        cooldownHours: p.cooldownHours,
      });
    }
  }
  return out;
}

/** 重复来电: the numbers that called at least minCalls times in the last days (each reporter row is a call). */
export async function detectRepeatCallers(q: Queryable, ruleCode: string, p: RepeatCallerParams, now: Date, places: Map<string, DivisionPlace>): Promise<Candidate[]> {
  const from = new Date(now.getTime() - p.days * DAY);
  const r = await q.query<{ phone: string; calls: number; ids: string[]; district: string | null }>(
    `select liandong_mobile(r.phone) as phone, count(*)::int as calls, array_agg(distinct r.order_id) as ids,
            (array_agg(o.district_code order by r.created_at desc))[1] as district
       from order_reporters r join orders o on o.id = r.order_id
      where r.created_at > $1 and r.created_at <= $2 and ${ownCallSql('r')} and not r.anonymous
        and liandong_mobile(r.phone) is not null
      group by 1 having count(*) >= $3
      order by 1`,
    [from, now, p.minCalls],
  );
  return r.rows.map((row) => {
    const district = row.district ? places.get(row.district) : undefined;
    const texts = callerTexts({ maskedPhone: maskPhone(row.phone)!, calls: row.calls, orders: row.ids.length, days: p.days, minCalls: p.minCalls });
    return {
      kind: 'repeat_caller',
      ruleCode,
      dedupeKey: `repeat_caller:${row.phone}`,
      areaLevel: 'district',
      districtCode: district?.code ?? row.district,
      phone: row.phone,
      observed: row.calls,
      expected: null,
      threshold: p.minCalls,
      pValue: null,
      windowFrom: from,
      windowTo: now,
      details: { days: p.days, minCalls: p.minCalls, orders: row.ids.length },
      orderIds: row.ids.map(Number).sort((a, b) => a - b),
      ...texts,
      cooldownHours: p.cooldownHours,
    };
  });
}

/** 同址重复: orders of one category (or any) within the radius of one another in the last days. */
export async function detectRepeatPlaces(q: Queryable, ruleCode: string, p: RepeatPlaceParams, now: Date, places: Map<string, DivisionPlace>): Promise<Candidate[]> {
  const from = new Date(now.getTime() - p.days * DAY);
  // The box around each order finds its neighbours by the point index; the exact great-circle distance then
  // decides (distance.rules.ts, the rule every other distance uses).
  const r = await q.query<{ id: string; lng: number; lat: number; cat: string | null; address: string | null; village: string | null; cat_name: string | null }>(
    `select a.id, a.lng, a.lat, a.category_code as cat, a.address, a.village_code as village, c.name as cat_name
       from orders a left join categories c on c.code = a.category_code
      where a.created_at > $1 and a.created_at <= $2 and a.merged_into_id is null
        and ($4::boolean = false or a.category_code is not null)
        and exists (select 1 from orders b
                     where b.id <> a.id and b.created_at > $1 and b.created_at <= $2 and b.merged_into_id is null
                       and ($4::boolean = false or b.category_code = a.category_code)
                       and ${inBoxAroundSql('b', 'a', '$3')})
      order by a.id`,
    [from, now, boxHalfLat(p.radiusMetres), p.sameCategory],
  );
  const rows = r.rows.map((x) => ({ ...x, id: Number(x.id) }));
  const byId = new Map(rows.map((x) => [x.id, x]));
  const clusters = placeClusters(
    rows.map((x) => ({ id: x.id, lng: x.lng, lat: x.lat, group: p.sameCategory ? (x.cat ?? '') : '*' })),
    p.minOrders,
    (a, b) => distanceM(a, b) <= p.radiusMetres,
  );
  return clusters.map((c) => {
    const a = byId.get(c.anchor.id)!;
    const village = a.village ? places.get(a.village) : undefined;
    const placeName = [village?.name, a.address].filter(Boolean).join(' ') || `${a.lng.toFixed(5)}, ${a.lat.toFixed(5)}`;
    const texts = placeTexts({ place: placeName, categoryName: p.sameCategory ? a.cat_name : null, count: c.ids.length, days: p.days, radiusMetres: p.radiusMetres, minOrders: p.minOrders });
    return {
      kind: 'repeat_place',
      ruleCode,
      dedupeKey: `repeat_place:${p.sameCategory ? a.cat : '*'}:${c.ids[0]}`,
      areaLevel: village ? 'village' : null,
      districtCode: village?.districtCode ?? null,
      townCode: village?.townCode ?? null,
      villageCode: village?.villageCode ?? null,
      categoryCode: p.sameCategory ? a.cat : null,
      lng: a.lng,
      lat: a.lat,
      observed: c.ids.length,
      expected: null,
      threshold: p.minOrders,
      pValue: null,
      windowFrom: from,
      windowTo: now,
      details: { days: p.days, radiusMetres: p.radiusMetres, minOrders: p.minOrders, sameCategory: p.sameCategory, anchorOrderId: a.id },
      orderIds: c.ids,
      ...texts,
      cooldownHours: p.cooldownHours,
    } satisfies Candidate;
  });
}

interface RunningStep {
  order_id: string;
  code: string;
  step: Step;
  started_at: Date;
  due_at: Date;
  limit_value: string;
  limit_unit: TimeUnit;
  handler_unit_id: number | null;
  dispatch_unit_id: number | null;
  unit_name: string | null;
  district_code: string | null;
  town_code: string | null;
  village_code: string | null;
}

/** 临期: running clocks of the watched steps, not yet due, with less than the share of their limit left. */
export async function detectAtRisk(q: Queryable, ruleCode: string, p: AtRiskParams, now: Date, calendar: WorkingCalendar): Promise<Candidate[]> {
  // The stored yellow moment is where 20% is left: below that share only steps past it can be at risk.
  const r = await q.query<RunningStep>(
    `select d.order_id, o.code, d.step, d.started_at, d.due_at, d.limit_value, d.limit_unit, o.handler_unit_id, o.dispatch_unit_id,
            u.name as unit_name, o.district_code, o.town_code, o.village_code
       from order_deadlines d join orders o on o.id = d.order_id
       left join units u on u.id = case when d.step in ('sign', 'handle') then coalesce(o.handler_unit_id, o.dispatch_unit_id) else o.dispatch_unit_id end
      where d.done_at is null and d.due_at > $1 and o.suspended_at is null and d.step = any($2::text[])
        and ($3::float8 > 0.2 or d.yellow_at <= $1)
      order by d.order_id, d.step`,
    [now, p.steps, p.remainingShare],
  );
  const out: Candidate[] = [];
  for (const row of r.rows) {
    const limit = Number(row.limit_value);
    const remaining = calendar.remaining(now, row.due_at, row.limit_unit);
    if (!atRisk(remaining, limit, p.remainingShare)) continue;
    const unitId = supervisedUnit(row, row.step);
    const texts = atRiskTexts({
      orderCode: row.code,
      step: STEP_LABELS[row.step],
      unitName: row.unit_name ?? '—',
      remaining,
      limit,
      unit: TIME_UNIT_LABELS[row.limit_unit],
      share: p.remainingShare,
      dueAt: chinaTime(row.due_at),
    });
    out.push({
      kind: 'at_risk',
      ruleCode,
      dedupeKey: `at_risk:${row.order_id}:${row.step}:${row.started_at.toISOString()}`,
      areaLevel: null,
      districtCode: row.district_code,
      townCode: row.town_code,
      villageCode: row.village_code,
      orderId: Number(row.order_id),
      step: row.step,
      unitId,
      observed: round(remaining, 2),
      expected: limit,
      threshold: round(p.remainingShare * limit, 2),
      pValue: null,
      windowFrom: row.started_at,
      windowTo: row.due_at,
      details: { remaining: round(remaining, 2), limit, limitUnit: row.limit_unit, remainingShare: p.remainingShare },
      orderIds: [Number(row.order_id)],
      ...texts,
      cooldownHours: 0,
    });
  }
  return out;
}

/**
 * 积压增长: each unit's open orders (a sign or handle step of its own running: order_step_runs) now and
 * compareDays ago, from the runs' own moments, so the past is read as it was.
 */
export async function detectBacklog(q: Queryable, ruleCode: string, p: BacklogParams, now: Date, places: Map<string, DivisionPlace>): Promise<Candidate[]> {
  const then = new Date(now.getTime() - p.compareDays * DAY);
  const r = await q.query<{ unit_id: number; name: string; division_code: string | null; now_n: number; then_n: number; ids: string[] }>(
    `with open_now as (
       select unit_id, count(distinct order_id)::int as n, (array_agg(distinct order_id))[1:2000] as ids
         from order_step_runs
        where step in ('sign', 'handle') and unit_id is not null and started_at <= $1 and done_at is null and withdrawn_at is null
        group by unit_id having count(distinct order_id) >= $3),
     open_then as (
       select unit_id, count(distinct order_id)::int as n
         from order_step_runs
        where step in ('sign', 'handle') and unit_id in (select unit_id from open_now) and started_at <= $2
          and coalesce(done_at, withdrawn_at, 'infinity'::timestamptz) > $2
        group by unit_id)
     select n.unit_id, u.name, u.division_code, n.n as now_n, coalesce(t.n, 0) as then_n, n.ids
       from open_now n join units u on u.id = n.unit_id left join open_then t on t.unit_id = n.unit_id
      order by n.unit_id`,
    [now, then, p.minOpen],
  );
  const out: Candidate[] = [];
  for (const row of r.rows) {
    const t = backlogTest(row.now_n, row.then_n, p);
    if (!t.fires) continue;
    const place = row.division_code ? places.get(row.division_code) : undefined;
    out.push({
      kind: 'backlog',
      ruleCode,
      dedupeKey: `backlog:${row.unit_id}`,
      areaLevel: null,
      districtCode: place?.districtCode ?? null,
      townCode: place?.townCode ?? null,
      villageCode: place?.villageCode ?? null,
      unitId: row.unit_id,
      observed: t.now,
      expected: t.then,
      threshold: t.threshold,
      pValue: null,
      windowFrom: then,
      windowTo: now,
      details: { compareDays: p.compareDays, minOpen: p.minOpen, growthRatio: p.growthRatio, minGrowth: p.minGrowth },
      orderIds: row.ids.map(Number).sort((a, b) => a - b),
      ...backlogTexts({ unitName: row.name, t, compareDays: p.compareDays, p }),
      cooldownHours: p.cooldownHours,
    });
  }
  return out;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** '2026-12-06 17:30' in China time. */
export function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}
