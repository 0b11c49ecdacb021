/**
 * 相似案件: the orders a new call may duplicate — in the reader's scope, within a circle around the point, recent,
 * of the same category or with similar words (similar-cases.rules.ts) — best first, each with its first photo
 * and how many people reported it. The spatial index (orders_point, a GiST on the point) finds the candidates.
 */
import type { Queryable } from '@liandong/db';
import { COMPONENT_RADIUS_M, SIMILAR_DEFAULTS, type SimilarCase, type SimilarCasesInput } from '@liandong/contracts';
import type { Actor } from '../../org/actor.ts';
import { toWgs84 } from '../../territory/index.ts';
import { iso } from '../../shared/wire.ts';
import type { ClockReading } from '../deadline-view.ts';
import { FINAL_STATES } from '../lifecycle.rules.ts';
import { orderScopeSql } from '../order-scope.ts';
import { toListItems, VIEW_SELECT, type Lang, type ViewRow } from '../order-view.ts';
import { boxAround } from '../../territory/distance.rules.ts';
import { distanceM, isSimilar, similarityScore, textSimilarity, type Asked, type CandidateFacts } from './similar-cases.rules.ts';

/** At most this many of the newest orders in the circle are weighed (a busy corner over a month). */
const MAX_CANDIDATES = 400;

export interface SimilarCases {
  radiusM: number;
  days: number;
  since: string;
  items: SimilarCase[];
}

export async function findSimilarCases(q: Queryable, actor: Actor, input: SimilarCasesInput, lang: Lang, clock: ClockReading): Promise<SimilarCases> {
  const [lng, lat] = toWgs84(input.lng, input.lat, input.crs ?? 'wgs84');
  const text = input.text?.trim() ?? '';
  const asked: Asked = {
    radiusM: input.radiusM ?? (await defaultRadius(q, input.categoryCode)),
    days: input.days ?? SIMILAR_DEFAULTS.days,
    category: Boolean(input.categoryCode),
    text: text.length >= 2,
  };
  const since = new Date(clock.now.getTime() - asked.days * 86_400_000);
  const box = boxAround(lng, lat, asked.radiusM);
  // Registered before now: live, every order; read as of a past moment (measuring the ranking), those before it.
  const params: unknown[] = [box.minLng, box.minLat, box.maxLng, box.maxLat, since, clock.now];
  const scope = orderScopeSql(actor, params);
  const rows = await q.query<ViewRow>(
    `${VIEW_SELECT}
      where point(o.lng, o.lat) <@ box(point($1, $2), point($3, $4)) and o.created_at >= $5 and o.created_at < $6 and o.state <> 'merged' and ${scope}
      order by o.created_at desc limit ${MAX_CANDIDATES}`,
    params,
  );
  const ranked = await rankSimilar(q, rows.rows, { lng, lat, categoryCode: input.categoryCode, text, asked, now: clock.now }, input.limit ?? SIMILAR_DEFAULTS.limit);
  const ids = ranked.map((c) => c.row.id);
  const [items, callers, photos] = await Promise.all([
    toListItems(q, ranked.map((c) => c.row), actor, lang, clock),
    countCallers(q, ids),
    firstPhotos(q, ids),
  ]);
  return {
    radiusM: asked.radiusM,
    days: asked.days,
    since: iso(since),
    items: ranked.map((c, i) => ({
      order: items[i]!,
      distanceM: Math.round(c.facts.distanceM),
      ageHours: Math.round(c.facts.ageHours * 10) / 10,
      sameCategory: c.facts.sameCategory,
      relatedCategory: c.facts.relatedCategory === true,
      textSimilarity: Math.round(c.facts.textSimilarity * 100) / 100,
      score: Math.round(c.score * 1000) / 1000,
      callers: callers.get(c.row.id) ?? 0,
      photoId: photos.get(c.row.id) ?? null,
      acceptsCallers: !FINAL_STATES.includes(c.row.state),
    })),
  };
}

/** A candidate as the ranking reads it (an order row of any query that has these columns). */
export interface CandidateRow {
  lng: number | string;
  lat: number | string;
  created_at: Date | string;
  category_code: string | null;
  description: string;
}

/** What a new report offers to compare: its point (WGS-84), category, words, what was asked, and its moment. */
export interface SimilarAsk {
  lng: number;
  lat: number;
  categoryCode?: string;
  text: string;
  asked: Asked;
  now: Date;
}

/**
 * The candidates that are similar cases, best first, at most `limit`, each with its facts and score: the one ranking
 * the operator's intake, the citizen portal and the measurement (bench:duplicates) share.
 */
export async function rankSimilar<R extends CandidateRow>(q: Queryable, rows: readonly R[], ask: SimilarAsk, limit: number): Promise<{ row: R; facts: CandidateFacts; score: number }[]> {
  const { asked } = ask;
  const majorOf = asked.category ? await majorClasses(q, [ask.categoryCode!, ...rows.map((r) => r.category_code)]) : new Map<string, string>();
  const askedMajor = majorOf.get(ask.categoryCode ?? '');
  return rows
    .map((row) => {
      const sameCategory = asked.category && row.category_code === ask.categoryCode;
      const facts: CandidateFacts = {
        distanceM: distanceM({ lng: ask.lng, lat: ask.lat }, { lng: Number(row.lng), lat: Number(row.lat) }),
        ageHours: Math.max(0, (ask.now.getTime() - new Date(row.created_at).getTime()) / 3_600_000),
        sameCategory,
        relatedCategory: !sameCategory && askedMajor !== undefined && majorOf.get(row.category_code ?? '') === askedMajor,
        textSimilarity: asked.text ? textSimilarity(ask.text, row.description) : 0,
      };
      return { row, facts, score: similarityScore(facts, asked) };
    })
    .filter((c) => isSimilar(c.facts, asked))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

/** How far repeats are looked for unless asked: closer for a component (one object at one spot) than for an event. */
export async function defaultRadius(q: Queryable, categoryCode: string | undefined): Promise<number> {
  if (!categoryCode) return SIMILAR_DEFAULTS.radiusM;
  const r = await q.query<{ kind: string }>('select kind from categories where code = $1', [categoryCode]);
  return r.rows[0]?.kind === 'component' ? COMPONENT_RADIUS_M : SIMILAR_DEFAULTS.radiusM;
}

/** Each category's major class (大类), for "related": a minor class to its parent, a major class to itself. */
export async function majorClasses(q: Queryable, codes: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  if (!wanted.length) return new Map();
  const r = await q.query<{ code: string; major: string }>('select code, coalesce(parent_code, code) as major from categories where code = any($1::text[])', [wanted]);
  return new Map(r.rows.map((x) => [x.code, x.major]));
}

async function countCallers(q: Queryable, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const r = await q.query<{ order_id: number; n: number }>(
    'select order_id, count(*)::int as n from order_reporters where order_id = any($1::bigint[]) group by order_id',
    [ids],
  );
  return new Map(r.rows.map((x) => [Number(x.order_id), x.n]));
}

/** Each order's first image on its timeline (the photo taken when it was reported, or on site). */
async function firstPhotos(q: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await q.query<{ order_id: number; public_id: string }>(
    `select distinct on (e.order_id) e.order_id, f.public_id
       from order_events e cross join lateral unnest(e.attachment_ids) with ordinality as a(fid, n)
       join files f on f.id = a.fid
      where e.order_id = any($1::bigint[]) and f.content_type like 'image/%'
      order by e.order_id, e.id, a.n`,
    [ids],
  );
  return new Map(r.rows.map((x) => [Number(x.order_id), x.public_id]));
}
