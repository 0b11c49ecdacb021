/**
 * What an analysis report states, gathered once: every figure through the statistics reads (statistics/read-stats.ts
 * — the very functions behind /api/v1/statistics, so a report and the dashboard can never disagree on a rate), as
 * read by the report's area itself (an actor whose areas are the scope and nothing else: the orders located in the
 * district or the town, as the statistics API with `town=` answers for a town), and the warnings raised in the
 * area during the period with where they stand now.
 */
import type { Db, Queryable } from '@liandong/db';
import { WARNING_KIND_LABELS, WARNING_KINDS, WARNING_STATE_LABELS, type StatsBreakdown, type StatsHeadline, type StatsQueryInput, type StatsSeries, type WarningKind, type WarningState } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { statsBreakdown, statsHeadline, statsSeries } from '../statistics/read-stats.ts';
import { foldStats } from '../statistics/fold-stats.ts';
import type { Period } from '../assessment/periods.rules.ts';
import type { ReportScope } from './report-scope.ts';

export type BreakdownRow = StatsBreakdown['rows'][number];

export interface ReportWarnings {
  total: number;
  byKind: { kind: WarningKind; label: string; count: number; resolved: number }[];
  byState: Record<WarningState, number>;
  /** The first 15, oldest first. */
  items: { raisedAt: Date; title: string; state: string }[];
}

export interface ReportData {
  scope: ReportScope;
  headline: StatsHeadline;
  series: StatsSeries;
  hotCategories: BreakdownRow[];
  hotPlaces: BreakdownRow[];
  units: BreakdownRow[];
  /** A district report: its towns. */
  towns: BreakdownRow[];
  warnings: ReportWarnings;
  generatedAt: Date;
}

/** The report's reader: the area itself — its figures are those of the orders located in it. */
export function areaReader(scope: ReportScope): Actor {
  return { userId: 0, username: 'analysis-report', displayName: scope.name, roles: new Set(['leader']), unitId: null, unitIds: [], areaCodes: [scope.code] };
}

async function warningsIn(q: Queryable, scope: ReportScope, period: Pick<Period, 'from' | 'to'>): Promise<ReportWarnings> {
  const rows = (
    await q.query<{ kind: WarningKind; state: WarningState; raised_at: Date; title_zh: string }>(
      `select w.kind, w.state, w.raised_at, w.title_zh from warnings w
        where w.raised_at >= $1 and w.raised_at < $2 and (w.district_code = $3 or w.town_code = $3)
        order by w.raised_at, w.id`,
      [period.from, period.to, scope.code],
    )
  ).rows;
  const byState = { new: 0, acknowledged: 0, resolved: 0 } as Record<WarningState, number>;
  for (const r of rows) byState[r.state]++;
  return {
    total: rows.length,
    byKind: WARNING_KINDS.map((kind) => ({
      kind,
      label: WARNING_KIND_LABELS[kind].zh,
      count: rows.filter((r) => r.kind === kind).length,
      resolved: rows.filter((r) => r.kind === kind && r.state === 'resolved').length,
    })).filter((k) => k.count > 0),
    byState,
    items: rows.slice(0, 15).map((r) => ({ raisedAt: r.raised_at, title: r.title_zh, state: WARNING_STATE_LABELS[r.state].zh })),
  };
}

export async function gatherReportData(db: Db, scope: ReportScope, period: Period, now: Date): Promise<ReportData> {
  const reader = areaReader(scope);
  const query: StatsQueryInput = { period: 'custom', from: period.firstDay, to: period.lastDay };
  const q = period.kind === 'custom' ? query : { period: period.kind, date: period.firstDay };
  // Everything pending folded first, waiting for a fold under way: the reads below run together, and each alone
  // would skip its fold while another holds the lock, answering from rollups a fold behind.
  await foldStats(db, now, { wait: true });
  const [headline, series, hotCategories, hotPlaces, units, towns, warnings] = await Promise.all([
    statsHeadline(db, reader, q, now),
    statsSeries(db, reader, q, now),
    statsBreakdown(db, reader, 'category', { ...q, sort: 'received', limit: 11 }, 'zh', now),
    statsBreakdown(db, reader, 'village', { ...q, sort: 'received', limit: 11 }, 'zh', now),
    statsBreakdown(db, reader, 'unit', { ...q, sort: 'received', limit: 500 }, 'zh', now),
    scope.level === 'district' ? statsBreakdown(db, reader, 'town', { ...q, sort: 'received', limit: 100 }, 'zh', now) : Promise.resolve(null),
    warningsIn(db, scope, period),
  ]);
  return {
    scope,
    headline,
    series,
    // Orders not yet classified, or not in a village, are no hot problem or place: the first ten named ones.
    hotCategories: hotCategories.rows.filter((r) => r.key !== '').slice(0, 10),
    hotPlaces: hotPlaces.rows.filter((r) => r.key !== '').slice(0, 10),
    units: units.rows,
    towns: towns?.rows.filter((r) => r.key !== '') ?? [],
    warnings,
    generatedAt: now,
  };
}
