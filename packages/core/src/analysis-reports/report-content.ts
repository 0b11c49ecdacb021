/**
 * The words of an analysis report (研判报告), decided once for both renderers from the gathered figures: the
 * headline figures beside the previous period's, the trend, the resolution shape, hot categories and places, the
 * units' (and a district's towns') ranking by completion rate, the warnings raised. Every sentence states a figure
 * and its change (report-text.rules.ts); none is written that the figures do not carry.
 */
import { RESOLUTION_LEVELS, type StatFigures } from '@liandong/contracts';
import { paragraph, type ReportBlock, type ReportHead, type ReportSection, type ReportTable } from '../shared/report-document/blocks.ts';
import { formatChineseDate, formatChineseDateTime, formatChineseMoment } from '../shared/report-document/format.ts';
import { barChart, resolutionChart, trendChart } from './charts.ts';
import type { BreakdownRow, ReportData } from './report-data.ts';
import { changeCell, countChange, percent, periodLabel, rateChange, share } from './report-text.rules.ts';

/** The headline figures, in the order the report lists them, with their names (docs/statistics.md). */
export const HEADLINE_ROWS = [
  { key: 'received', label: '受理量（件）', rate: false },
  { key: 'closed', label: '办结量（件）', rate: false },
  { key: 'completionRate', label: '办结率', rate: true },
  { key: 'onTimeRate', label: '按时办结率', rate: true },
  { key: 'satisfactionRate', label: '满意率', rate: true },
  { key: 'directCloseRate', label: '直接办结率', rate: true },
  { key: 'overdue', label: '超期在办（件）', rate: false },
] as const satisfies readonly { key: keyof StatFigures; label: string; rate: boolean }[];

export const RESOLUTION_NAMES: Record<(typeof RESOLUTION_LEVELS)[number], string> = {
  grid: '网格自治',
  village: '村（社区）',
  town: '镇（街道）',
  district: '区级部门',
  enforcement: '综合执法',
};

export interface AnalysisReportContent extends ReportHead {
  title: string;
  titleLines: string[];
  subtitle: string;
  sections: ReportSection[];
  signature: { issuer: string; date: string };
}

const cell = (text: string | number) => ({ text: String(text) });
const value = (f: StatFigures, key: keyof StatFigures, rate: boolean) => (rate ? percent(f[key] as number | null) : String(f[key]));

function overview(d: ReportData, label: string): ReportBlock[] {
  const { figures: f, previous: p } = d.headline;
  const text =
    `${label}，${d.scope.name}共受理群众诉求${f.received}件，${countChange(f.received, p.received)}；办结${f.closed}件，${countChange(f.closed, p.closed)}。` +
    `办结率${percent(f.completionRate)}，${rateChange(f.completionRate, p.completionRate)}；` +
    `按时办结率${percent(f.onTimeRate)}，${rateChange(f.onTimeRate, p.onTimeRate)}；` +
    `满意率${percent(f.satisfactionRate)}，${rateChange(f.satisfactionRate, p.satisfactionRate)}；` +
    `直接办结率${percent(f.directCloseRate)}，${rateChange(f.directCloseRate, p.directCloseRate)}。` +
    `截至${formatChineseMoment(d.generatedAt)}，本期受理的诉求中超期在办${f.overdue}件，在办${f.open}件。`;
  const table: ReportTable = {
    columns: [
      { title: '指标', width: 34 },
      { title: '本期', width: 22 },
      { title: '上期', width: 22 },
      { title: '变化', width: 22 },
    ],
    rows: HEADLINE_ROWS.map((r) => [cell(r.label), cell(value(f, r.key, r.rate)), cell(value(p, r.key, r.rate)), cell(`${changeCell(f[r.key] as number | null, p[r.key] as number | null)}${r.rate && f[r.key] != null && p[r.key] != null ? ' 个百分点' : ''}`)]),
  };
  return [paragraph(text), { kind: 'table', table }, paragraph(`上期为${periodLabel(d.headline.previousPeriod)}。办结率、按时办结率、满意率和直接办结率的口径见统计分析（统计口径）。`)];
}

async function trend(d: ReportData): Promise<ReportBlock[]> {
  const pts = d.series.points;
  if (pts.length === 0) return [];
  const byDay = d.series.bucket === 'day';
  const busiest = [...pts].sort((a, b) => b.figures.received - a.figures.received || a.bucket.localeCompare(b.bucket))[0]!;
  const when = byDay ? `${Number(busiest.bucket.slice(5, 7))}月${Number(busiest.bucket.slice(8, 10))}日` : `${busiest.bucket.slice(0, 4)}年${Number(busiest.bucket.slice(5, 7))}月`;
  const fig = await trendChart(
    `图1 ${byDay ? '每日' : '每月'}受理量和办结量`,
    pts.map((p) => (byDay ? p.bucket.slice(5) : p.bucket.slice(0, 7))),
    pts.map((p) => p.figures.received),
    pts.map((p) => p.figures.closed),
  );
  return [
    paragraph(busiest.figures.received > 0 ? `受理量最多的${byDay ? '一天' : '一个月'}是${when}，受理${busiest.figures.received}件。` : '本期没有受理诉求。'),
    { kind: 'figure', figure: fig },
  ];
}

async function resolution(d: ReportData): Promise<ReportBlock[]> {
  const r = d.headline.resolution;
  const closed = RESOLUTION_LEVELS.reduce((n, l) => n + r[l], 0);
  if (closed === 0) return [paragraph('本期没有办结的诉求。')];
  const grid = r.grid;
  const middle = r.village + r.town;
  const upper = r.district + r.enforcement;
  const blocks: ReportBlock[] = [
    paragraph(
      `本期办结的${closed}件诉求中，网格自治解决${grid}件，占${share(grid, closed)}；村（社区）和镇（街道）解决${middle}件，占${share(middle, closed)}；` +
        `区级部门和综合执法解决${upper}件，占${share(upper, closed)}。`,
    ),
    {
      kind: 'table',
      table: {
        columns: [
          { title: '处置层级', width: 40 },
          { title: '办结量（件）', width: 30 },
          { title: '占比', width: 30 },
        ],
        rows: RESOLUTION_LEVELS.map((l) => [cell(RESOLUTION_NAMES[l]), cell(r[l]), cell(share(r[l], closed))]),
      },
    },
    { kind: 'figure', figure: await resolutionChart('图2 办结诉求的处置层级', RESOLUTION_LEVELS.map((l) => ({ name: RESOLUTION_NAMES[l], value: r[l], share: share(r[l], closed) }))) },
  ];
  return blocks;
}

const rowTable = (title: string, rows: BreakdownRow[]): ReportTable => ({
  columns: [
    { title: '序号', width: 10 },
    { title, width: 42 },
    { title: '受理量（件）', width: 16 },
    { title: '办结率', width: 16 },
    { title: '满意率', width: 16 },
  ],
  rows: rows.map((r, i) => [cell(i + 1), cell(r.name), cell(r.figures.received), cell(percent(r.figures.completionRate)), cell(percent(r.figures.satisfactionRate))]),
});

async function hotSpots(d: ReportData): Promise<ReportBlock[]> {
  const cats = d.hotCategories;
  const places = d.hotPlaces;
  const received = d.headline.figures.received;
  if (cats.length === 0 && places.length === 0) return [paragraph('本期没有受理诉求，无热点问题和区域。')];
  const top3 = cats.slice(0, 3);
  const blocks: ReportBlock[] = [];
  if (cats.length) {
    const sum = top3.reduce((n, r) => n + r.figures.received, 0);
    blocks.push(
      paragraph(`从问题类别看，受理量居前的是${top3.map((r) => `“${r.name}”（${r.figures.received}件）`).join('、')}，合计占受理量的${share(sum, received)}。`),
      { kind: 'table', table: rowTable('问题类别（小类）', cats) },
      { kind: 'figure', figure: await barChart('图3 热点问题（受理量前十的小类）', cats.map((r) => r.name), cats.map((r) => r.figures.received)) },
    );
  }
  if (places.length) {
    blocks.push(
      paragraph(`从区域看，受理量居前的村（社区）是${places.slice(0, 3).map((r) => `${r.name}（${r.figures.received}件）`).join('、')}。`),
      { kind: 'table', table: rowTable('村（社区）', places) },
    );
  }
  return blocks;
}

/** Units answering for fewer orders than this are not ranked: a rate of one or two orders says little. */
export const MIN_RANKED = 5;

/** Ranked by completion rate, then on-time rate, then received; those with fewer than `min` orders to answer are left out. */
export function ranked(rows: BreakdownRow[], min = 1): BreakdownRow[] {
  const v = (x: number | null) => x ?? -1;
  return rows
    .filter((r) => r.key !== '' && r.figures.needsAnswer >= min)
    .sort((a, b) => v(b.figures.completionRate) - v(a.figures.completionRate) || v(b.figures.onTimeRate) - v(a.figures.onTimeRate) || b.figures.received - a.figures.received || a.name.localeCompare(b.name));
}

const rankTable = (title: string, rows: (BreakdownRow & { rank: number })[]): ReportTable => ({
  columns: [
    { title: '名次', width: 9 },
    { title, width: 35 },
    { title: '受理量（件）', width: 14 },
    { title: '办结率', width: 14 },
    { title: '按时办结率', width: 14 },
    { title: '满意率', width: 14 },
  ],
  rows: rows.map((r) => [cell(r.rank), cell(r.name), cell(r.figures.received), cell(percent(r.figures.completionRate)), cell(percent(r.figures.onTimeRate)), cell(percent(r.figures.satisfactionRate))]),
});

const withRanks = (rows: BreakdownRow[]) => rows.map((r, i) => ({ ...r, rank: i + 1 }));

function rankings(d: ReportData): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  const towns = ranked(d.towns);
  if (towns.length) {
    blocks.push(
      paragraph(`各镇（街道）按办结率排名，${towns[0]!.name}居首（${percent(towns[0]!.figures.completionRate)}）${towns.length > 1 ? `，${towns.at(-1)!.name}居末（${percent(towns.at(-1)!.figures.completionRate)}）` : ''}。`),
      { kind: 'table', table: rankTable('镇（街道）', withRanks(towns)) },
    );
  }
  const units = withRanks(ranked(d.units, MIN_RANKED));
  if (units.length === 0) return [...blocks, paragraph(`本期没有需办理${MIN_RANKED}件以上的责任单位，不作单位排名。`)];
  // A long ranking shows its first ten and its last five.
  const shown = units.length > 15 ? [...units.slice(0, 10), ...units.slice(-5)] : units;
  const first = units[0]!;
  const last = units.at(-1)!;
  blocks.push(
    paragraph(
      `需办理${MIN_RANKED}件以上的责任单位共${units.length}个，按办结率排名${units.length > shown.length ? '（列前十名和后五名）' : ''}，${first.name}居首（${percent(first.figures.completionRate)}）` +
        `${units.length > 1 ? `，${last.name}居末（${percent(last.figures.completionRate)}）` : ''}。`,
    ),
    { kind: 'table', table: rankTable('责任单位', shown) },
  );
  return blocks;
}

function warnings(d: ReportData): ReportBlock[] {
  const w = d.warnings;
  if (w.total === 0) return [paragraph('本期未产生预警。')];
  const kinds = w.byKind.map((k) => `${k.label}${k.count}条`).join('、');
  return [
    paragraph(`本期共产生预警${w.total}条（${kinds}），截至目前已解除${w.byState.resolved}条，已确认待处理${w.byState.acknowledged}条，尚未确认${w.byState.new}条。`),
    {
      kind: 'table',
      table: {
        columns: [
          { title: '预警时间', width: 26 },
          { title: '预警内容', width: 56 },
          { title: '状态', width: 18 },
        ],
        rows: w.items.map((x) => [cell(formatChineseDateTime(x.raisedAt)), cell(x.title), cell(x.state)]),
      },
    },
    ...(w.total > w.items.length ? [paragraph(`（以上列出前${w.items.length}条。）`)] : []),
  ];
}

export function reportTitle(d: Pick<ReportData, 'scope' | 'headline'>): string {
  return `${d.scope.name}${periodLabel(d.headline.period)}网格化联动工作研判报告`;
}

export async function buildAnalysisContent(d: ReportData, reportNo: string): Promise<AnalysisReportContent> {
  const label = periodLabel(d.headline.period);
  const issuer = `${d.scope.districtName}社会综合治理网格化联动指挥中心`;
  const date = formatChineseDate(d.generatedAt);
  const title = reportTitle(d);
  return {
    issuer,
    reportNo,
    date,
    title,
    titleLines: [`${d.scope.name}${label}`, '网格化联动工作研判报告'],
    subtitle: `（${d.headline.period.firstDay} 至 ${d.headline.period.lastDay}）`,
    sections: [
      { heading: '一、总体情况', blocks: [...overview(d, label), ...(await trend(d))] },
      { heading: '二、处置层级', blocks: await resolution(d) },
      { heading: '三、热点问题和区域', blocks: await hotSpots(d) },
      { heading: '四、单位排名', blocks: rankings(d) },
      { heading: '五、预警情况', blocks: warnings(d) },
    ],
    signature: { issuer, date },
  };
}
