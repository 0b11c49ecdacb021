/**
 * 研判报告 over the demo history: a report of the district and one of a town are generated, their .docx parsed
 * back (word/document.xml), and every figure they print — the headline figures and the previous period's, the
 * resolution shape, hot categories and places, the units' ranking, the warnings raised — equals what the
 * statistics (and warnings) API answers for the same period and area. Then scope and permission: a town's shift
 * lead generates and reads his town's reports only; others get 403/404; bad input a 4xx naming the field; the
 * monthly report is made once per district.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisReportView, StatsBreakdown, StatsHeadline } from '@liandong/contracts';
import { buildDemoHistory } from '@liandong/core/demo/history/index.ts';
import { makeMonthlyReports } from '@liandong/core/analysis-reports/index.ts';
import { folderStore } from '@liandong/core/files/file-store.ts';
import { startTestServer, type TestServer } from './harness.ts';

/** A Wednesday, 14:30 in China; the history is the three days before and this morning. */
const END = new Date('2026-11-18T06:30:00Z');
const DISTRICT = '320509000000';
const SONGLING = '320509001000';
const SHENGZE = '320509105000';
const PERIOD = { period: 'custom', from: '2026-11-15', to: '2026-11-18' } as const;
const Q = 'period=custom&from=2026-11-15&to=2026-11-18';

let now = END;
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer({ clock: () => now });
  await buildDemoHistory(s.testDb.db, { days: 3, endAt: END, seed: 7, ordersPerDay: 160, batchSize: 160 });
  // Warnings raised in the period, so the report has some to state.
  expect((await (await s.as('admin')).request('POST', '/api/v1/warning-rules/run')).status).toBe(200);
}, 300_000);
afterAll(() => s?.close());

const get = async <T = any>(user: string, path: string, status = 200): Promise<T> => {
  const r = await (await s.as(user)).request<T>('GET', path);
  expect(r.status, `${path}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(status);
  return r.body;
};
const generate = async (user: string, body: unknown, status = 201) => {
  const r = await (await s.as(user)).request<AnalysisReportView & { error: { field?: string; code: string } }>('POST', '/api/v1/analysis-reports', body);
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(status);
  return r.body;
};
async function download(user: string, path: string): Promise<Response> {
  const c = await s.as(user);
  return fetch(c.base + path, { headers: { authorization: `Bearer ${c.token}` } });
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (x: string) => x.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : XML_ENTITIES[e]!));
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');

/** Every table of the document as rows of cell texts, and the whole text. */
async function parseDocx(bytes: ArrayBuffer) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => [...t[1]!.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1]!))));
  const images = Object.keys(zip.files).filter((n) => n.startsWith('word/media/') && n.endsWith('.png'));
  return { text: textOf(xml), tables, images };
}
type Parsed = Awaited<ReturnType<typeof parseDocx>>;
const tableStarting = (d: Parsed, header: string) => d.tables.find((t) => t[0]?.[1] === header || t[0]?.[0] === header)!;
const pct = (x: number | null) => (x == null ? '—' : `${x}%`);

async function checkAgainstApi(d: Parsed, user: string, filter: string) {
  const h = await get<StatsHeadline>(user, `/api/v1/statistics/headline?${Q}${filter}`);
  const head = tableStarting(d, '指标');
  const row = (label: string) => head.find((r) => r[0] === label)!;
  for (const [label, key, rate] of [
    ['受理量（件）', 'received', false], ['办结量（件）', 'closed', false], ['办结率', 'completionRate', true], ['按时办结率', 'onTimeRate', true],
    ['满意率', 'satisfactionRate', true], ['直接办结率', 'directCloseRate', true], ['超期在办（件）', 'overdue', false],
  ] as const) {
    const show = (f: StatsHeadline['figures']) => (rate ? pct(f[key] as number | null) : String(f[key]));
    expect(row(label).slice(1, 3), label).toEqual([show(h.figures), show(h.previous)]);
  }
  expect(h.figures.received).toBeGreaterThan(20);
  // The resolution shape.
  const shape = tableStarting(d, '处置层级');
  expect(shape.slice(1).map((r) => Number(r[1]))).toEqual([h.resolution.grid, h.resolution.village, h.resolution.town, h.resolution.district, h.resolution.enforcement]);
  // Hot categories and places: the breakdowns' first ten named rows (orders not classified, or in no village, are none).
  const named = (b: StatsBreakdown) => b.rows.filter((r) => r.key !== '').slice(0, 10);
  const cats = await get<StatsBreakdown>(user, `/api/v1/statistics/breakdown/category?${Q}${filter}&sort=received&limit=11`);
  expect(named(cats)).toHaveLength(10);
  expect(tableStarting(d, '问题类别（小类）').slice(1).map((r) => [r[1], Number(r[2]), r[3], r[4]])).toEqual(named(cats).map((r) => [r.name, r.figures.received, pct(r.figures.completionRate), pct(r.figures.satisfactionRate)]));
  const places = await get<StatsBreakdown>(user, `/api/v1/statistics/breakdown/village?${Q}${filter}&sort=received&limit=11`);
  expect(tableStarting(d, '村（社区）').slice(1).map((r) => [r[1], Number(r[2])])).toEqual(named(places).map((r) => [r.name, r.figures.received]));
  // Units: the ranking is the unit breakdown's rows, each with its own figures.
  const units = await get<StatsBreakdown>(user, `/api/v1/statistics/breakdown/unit?${Q}${filter}&limit=500`);
  const ranking = tableStarting(d, '责任单位').slice(1);
  expect(ranking.length).toBeGreaterThan(1);
  // Units answering for at least five orders are ranked; a long ranking shows its first ten and last five.
  const eligible = units.rows.filter((r) => r.key !== '' && r.figures.needsAnswer >= 5);
  expect(d.text).toContain(`需办理5件以上的责任单位共${eligible.length}个`);
  expect(ranking).toHaveLength(Math.min(15, eligible.length));
  expect(ranking[0]![0]).toBe('1');
  expect(ranking.at(-1)![0]).toBe(String(eligible.length));
  for (const r of ranking) {
    const u = units.rows.find((x) => x.name === r[1])!;
    expect(u.figures.needsAnswer).toBeGreaterThanOrEqual(5);
    expect(r.slice(2), r[1]).toEqual([String(u.figures.received), pct(u.figures.completionRate), pct(u.figures.onTimeRate), pct(u.figures.satisfactionRate)]);
  }
  const rates = ranking.map((r) => parseFloat(r[3]!));
  expect(rates).toEqual([...rates].sort((a, b) => b - a));
  return h;
}

describe('analysis reports over the demo history', () => {
  let district: AnalysisReportView;
  let town: AnalysisReportView;

  it('a district report whose every figure is the statistics API’s', async () => {
    district = await generate('leader', { ...PERIOD, scope: DISTRICT });
    expect(district).toMatchObject({ scope: { code: DISTRICT, level: 'district' }, period: { kind: 'custom', firstDay: '2026-11-15', lastDay: '2026-11-18' }, generatedBy: { name: '区领导 吴江' } });
    const res = await download('leader', district.docxUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const d = await parseDocx(await res.arrayBuffer());
    const h = await checkAgainstApi(d, 'leader', '');
    expect(district.figures).toEqual({ received: h.figures.received, overdue: h.figures.overdue, completionRate: h.figures.completionRate, onTimeRate: h.figures.onTimeRate, satisfactionRate: h.figures.satisfactionRate, directCloseRate: h.figures.directCloseRate });
    // The words state the figures.
    expect(d.text).toContain(`共受理群众诉求${h.figures.received}件`);
    expect(d.text).toContain(`办结率${pct(h.figures.completionRate)}`);
    // A district report ranks its towns too.
    const towns = await get<StatsBreakdown>('leader', `/api/v1/statistics/breakdown/town?${Q}`);
    expect(tableStarting(d, '镇（街道）').slice(1).map((r) => r[1]).sort()).toEqual(towns.rows.filter((r) => r.figures.needsAnswer > 0).map((r) => r.name).sort());
    // Warnings raised in the period in the district, as the warnings API counts them.
    const w = await get('leader', `/api/v1/warnings?area=${DISTRICT}&since=${encodeURIComponent(new Date('2026-11-15T00:00:00+08:00').toISOString())}&pageSize=1`);
    expect(d.text).toContain(w.total > 0 ? `本期共产生预警${w.total}条` : '本期未产生预警');
    // Charts: pictures in the .docx, inline SVG in the page.
    expect(d.images.length).toBeGreaterThanOrEqual(3);
    const html = await download('leader', district.htmlUrl);
    expect(html.headers.get('content-type')).toContain('text/html');
    const page = await html.text();
    expect(page).toContain('<svg');
    expect(page).toContain(`共受理群众诉求${h.figures.received}件`);
    expect(page).not.toMatch(/<script/i);
  });

  it('a town report equal to the API with the town’s filter, and to what the town’s shift lead sees', async () => {
    town = await generate('songling_shiftlead', { ...PERIOD, scope: SONGLING });
    expect(town.scope).toMatchObject({ code: SONGLING, level: 'town' });
    const d = await parseDocx(await (await download('songling_shiftlead', town.docxUrl)).arrayBuffer());
    const h = await checkAgainstApi(d, 'leader', `&town=${SONGLING}`);
    expect((await get<StatsHeadline>('songling_shiftlead', `/api/v1/statistics/headline?${Q}`)).figures).toEqual(h.figures);
    expect(d.tables.some((t) => t[0]?.[1] === '镇（街道）')).toBe(false);
  });

  it('lists and opens reports only for those whose areas hold their scope', async () => {
    const all = await get('leader', '/api/v1/analysis-reports');
    expect(all.items.map((r: AnalysisReportView) => r.id)).toEqual([town.id, district.id]);
    expect(all.items[1]).toMatchObject({ generatedBy: { name: '区领导 吴江' }, scope: { name: expect.any(String) } });
    const mine = await get('songling_shiftlead', '/api/v1/analysis-reports');
    expect(mine.items.map((r: AnalysisReportView) => r.id)).toEqual([town.id]);
    expect((await get('shengze_shiftlead', '/api/v1/analysis-reports')).total).toBe(0);
    await get('songling_shiftlead', `/api/v1/analysis-reports/${district.id}`, 404);
    expect((await download('songling_shiftlead', district.docxUrl)).status).toBe(404);
    expect((await download('shengze_shiftlead', town.htmlUrl)).status).toBe(404);
    expect((await download('leader', town.docxUrl)).status).toBe(200);
    await get('admin', `/api/v1/analysis-reports/${town.id}`);
    // No permission at all: operators and handling units.
    await get('zx_operator', '/api/v1/analysis-reports', 403);
    await get('cgj_handler', `/api/v1/analysis-reports/${district.id}`, 403);
    expect((await download('cgj_handler', district.docxUrl)).status).toBe(403);
  });

  it('refuses a report about an area outside one’s own, or without the permission', async () => {
    const count = (await get('admin', '/api/v1/analysis-reports')).total;
    expect((await generate('songling_shiftlead', { ...PERIOD, scope: DISTRICT }, 403)).error.field).toBe('scope');
    expect((await generate('songling_shiftlead', { ...PERIOD, scope: SHENGZE }, 403)).error.field).toBe('scope');
    await generate('zx_supervisor', { ...PERIOD, scope: DISTRICT }, 403);
    await generate('zx_operator', { ...PERIOD, scope: DISTRICT }, 403);
    expect((await get('admin', '/api/v1/analysis-reports')).total).toBe(count);
  });

  it('refuses bad input with a 4xx naming the field, and makes nothing', async () => {
    const count = (await get('admin', '/api/v1/analysis-reports')).total;
    const cases: [unknown, string][] = [
      [{ ...PERIOD, scope: 'abc' }, 'scope'],
      [{ ...PERIOD, scope: '320509999000' }, 'scope'],
      [{ ...PERIOD, scope: '320509001001' }, 'scope'], // a village: reports are about the district or a town
      [{ period: 'custom', to: '2026-11-18', scope: DISTRICT }, 'from'],
      [{ period: 'custom', from: '2026-11-18', to: '2026-11-01', scope: DISTRICT }, 'to'],
      [{ period: 'fortnight', scope: DISTRICT }, 'period'],
      [{ period: 'month', date: '2026-13-01', scope: DISTRICT }, 'date'],
      [{ period: 'month' }, 'scope'],
      [{ period: 'month', scope: DISTRICT, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const r = await (await s.as('leader')).request('POST', '/api/v1/analysis-reports', body);
      expect([400, 422], JSON.stringify(body)).toContain(r.status);
      expect(r.body.error.field ?? '', JSON.stringify(r.body)).toContain(field);
    }
    await get('leader', '/api/v1/analysis-reports/99999', 404);
    await get('leader', '/api/v1/analysis-reports?scope=xyz', 400);
    expect((await get('admin', '/api/v1/analysis-reports')).total).toBe(count);
  });

  it('makes the district’s monthly report once, on the 1st, for the month just ended', async () => {
    now = new Date('2026-12-01T00:20:00+08:00');
    s.forgetSessions();
    expect(await makeMonthlyReports(s.testDb.db, s.platform.files, now)).toBe(1);
    expect(await makeMonthlyReports(s.testDb.db, s.platform.files, now)).toBe(0);
    const list = await get('leader', `/api/v1/analysis-reports?scope=${DISTRICT}`);
    const monthly = list.items[0] as AnalysisReportView;
    expect(monthly).toMatchObject({ generatedBy: null, period: { kind: 'month', firstDay: '2026-11-01', lastDay: '2026-11-30' }, scope: { code: DISTRICT } });
    expect(monthly.title).toContain('2026年11月');
    const d = await parseDocx(await (await download('leader', monthly.docxUrl)).arrayBuffer());
    const h = await get<StatsHeadline>('leader', '/api/v1/statistics/headline?period=month&date=2026-11-01');
    expect(tableStarting(d, '指标').find((r) => r[0] === '受理量（件）')!.slice(1, 3)).toEqual([String(h.figures.received), String(h.previous.received)]);
    expect(monthly.figures.received).toBe(h.figures.received);
  });

  it('two processes making the same monthly report at once store one report and its two files, nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liandong-reports-'));
    try {
      const store = folderStore(dir);
      now = new Date('2027-01-01T00:20:00+08:00');
      const made = await Promise.all([makeMonthlyReports(s.testDb.db, store, now), makeMonthlyReports(s.testDb.db, store, now)]);
      expect(made[0]! + made[1]!).toBe(1);
      const rows = await s.testDb.db.query<{ n: number }>(
        `select count(*)::int as n from analysis_reports where scope_code = $1 and first_day = '2026-12-01' and generated_by is null`,
        [DISTRICT],
      );
      expect(rows.rows[0]!.n).toBe(1);
      // The bytes in the folder are the report's .docx and .html only: the loser stored none.
      const stored = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
      expect(stored.length).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
