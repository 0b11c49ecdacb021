/**
 * 导入知识 on the database (both engines): a file with bad rows is refused whole — every bad row and column listed
 * in Chinese and English, nothing written; the fixed file imported as drafts written by the importer; a row naming
 * an article becomes its new version, or nothing when it repeats it; a handling unit only within his units; the
 * export read back by the import — CSV and .xlsx — gives the same articles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { MINIMAL_SEED } from '../../test/seeds.ts';
import { minimalWorld, refusal, type MinimalWorld } from '../../test/factories.ts';
import { csvField } from '../catalogue/export-catalogue-csv.ts';
import { zipInflatedSize } from './article-file.ts';
import { articleVersions, createArticle, exportArticlesCsv, exportArticlesXlsx, getArticle, importArticles } from './index.ts';

let t: TestDatabase;
let w: MinimalWorld;
const now = () => w.clock.now;
const utf8 = (s: string) => new TextEncoder().encode(s);
const csv = (rows: (string | null)[][]) => utf8(`\uFEFF${rows.map((r) => r.map((c) => csvField(c)).join(',')).join('\r\n')}\r\n`);
const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from kb_articles')).rows[0]!.n;

beforeAll(async () => {
  t = await createTestDb(MINIMAL_SEED);
  w = await minimalWorld(t.db);
});
afterAll(() => t?.close());

const HEADER = ['title', 'category_code', 'unit_codes', 'keywords', 'valid_from', 'valid_to', 'body'];

describe('importing articles', () => {
  it('refuses a file with bad rows listing each row and column, writing nothing; the fixed file is imported', async () => {
    const sl = w.as('t_shift_lead');
    const before = await count();
    const bad = csv([
      HEADER,
      ['占道经营投诉处理', 'T01001', 'T-CGJ', '占道;摆摊', '2026-01-01', '', '城管执法大队接到投诉后 2 小时内到场。'],
      ['', 'T01001', 'T-CGJ', '', '', '', '没有标题'],
      ['夜市开放时间', 'NOPE', 'T-XXX', '夜市', '2026-13-01', '', '夜市每天 17:00 至 23:00 开放。'],
      ['有效期倒置', '', '', '', '2026-05-01', '2026-04-01', '正文'],
    ]);
    const e = await refusal(importArticles(t.db, sl, bad, now()));
    expect([e.status, e.code]).toEqual([422, 'knowledge_import_invalid']);
    expect(e.problems!.map((p) => [p.row, p.field])).toEqual([
      [3, 'title'],
      [4, 'unit_codes'],
      [4, 'valid_from'],
      [4, 'category_code'],
      [5, 'valid_to'],
    ]);
    expect(e.messages.zh).toContain('3 行有误');
    expect(e.messages.zh).toContain('第 4 行 unit_codes：单位编码 T-XXX 不存在');
    expect(e.messages.en).toContain('row 3, title: the title is empty');
    expect(await count()).toBe(before);

    const good = csv([
      HEADER,
      ['占道经营投诉处理', 'T01001', 'T-CGJ', '占道;摆摊', '2026-01-01', '', '城管执法大队接到投诉后 2 小时内到场。\n\n- 拍照取证\n- 劝离'],
      ['夜市开放时间', '', '', '夜市', '', '', '夜市每天 17:00 至 23:00 开放。'],
    ]);
    const r = await importArticles(t.db, sl, good, now());
    expect([r.created, r.revised, r.unchanged]).toEqual([2, 0, 0]);
    expect(r.articles.map((a) => [a.row, a.title, a.outcome])).toEqual([
      [2, '占道经营投诉处理', 'created'],
      [3, '夜市开放时间', 'created'],
    ]);
    const a = await getArticle(t.db, sl, r.articles[0]!.id, now());
    expect(a).toMatchObject({ state: 'draft', keywords: ['占道', '摆摊'], validFrom: '2026-01-01', validTo: null, category: { code: 'T01001' }, createdBy: { name: '值班长丙' } });
    expect(a.units.map((u) => u.id)).toEqual([await w.unitId('T-CGJ')]);
    expect(a.body).toContain('- 劝离');
    expect((await articleVersions(t.db, sl, a.id, now()))[0]!.note).toBe('由文件导入（第 2 行）');
  });

  it('writes a new version of a named article, nothing when a row repeats it, and refuses an id he may not edit', async () => {
    const sl = w.as('t_shift_lead');
    const a = await createArticle(t.db, sl, { title: '门前三包责任', body: '沿街商户负责门前卫生。', keywords: ['门前三包'], unitIds: [] }, now());
    const row = (body: string) => [String(a.id), a.title, '', '', '门前三包', '', '', body];
    const r = await importArticles(t.db, sl, csv([['id', ...HEADER], row('沿街商户负责门前卫生、秩序和绿化。'), ['', '新知识', '', '', '', '', '', '正文']]), now());
    expect([r.created, r.revised, r.unchanged]).toEqual([1, 1, 0]);
    const v2 = await getArticle(t.db, sl, a.id, now());
    expect([v2.version, v2.body]).toEqual([2, '沿街商户负责门前卫生、秩序和绿化。']);
    const again = await importArticles(t.db, sl, csv([['id', ...HEADER], row('沿街商户负责门前卫生、秩序和绿化。')]), now());
    expect([again.revised, again.unchanged]).toEqual([0, 1]);
    expect((await getArticle(t.db, sl, a.id, now())).version).toBe(2);
    // a handling unit: only articles concerning his units, only about his units
    const h = w.as('t_handler');
    const before = await count();
    const e = await refusal(
      importArticles(
        t.db,
        h,
        csv([
          ['id', ...HEADER],
          [String(a.id), '门前三包责任', '', 'T-CGJ', '', '', '', '改'],
          ['', '城管说明', '', 'T-ZX', '', '', '', '正文'],
          ['', '城管说明二', '', '', '', '', '', '正文'],
          [String(a.id), '重复', '', 'T-CGJ', '', '', '', '正文'],
        ]),
        now(),
      ),
    );
    expect(e.problems!.map((p) => [p.row, p.field])).toEqual([
      [2, 'id'],
      [3, 'unit_codes'],
      [4, 'unit_codes'],
      [5, 'id'],
    ]);
    expect(await count()).toBe(before);
    const ok = await importArticles(t.db, h, csv([HEADER, ['城管说明', '', 'T-CGJ', '', '', '', '正文']]), now());
    expect(ok.created).toBe(1);
    expect((await refusal(importArticles(t.db, w.as('t_operator'), csv([HEADER, ['x', '', '', '', '', '', 'y']]), now()))).status).toBe(403);
  });

  it('refuses a file it cannot read: unknown or missing column, not UTF-8, too many rows, no body', async () => {
    const sl = w.as('t_shift_lead');
    const cases: [unknown, string][] = [
      [csv([['titel', 'body'], ['a', 'b']]), 'titel'],
      [csv([['title', 'keywords'], ['a', 'b']]), 'body'],
      [new Uint8Array([0x74, 0x69, 0x74, 0x6c, 0x65, 0x2c, 0x62, 0x6f, 0x64, 0x79, 0x0a, 0xc9, 0xe7, 0x2c, 0xb1, 0xa3]), 'file'],
      [csv([HEADER]), 'file'],
      [csv([HEADER, ...Array.from({ length: 501 }, (_, i) => [`标题${i}`, '', '', '', '', '', '正文'])]), 'file'],
      [new Uint8Array(), 'body'],
      [{ title: 'json' }, 'body'],
    ];
    for (const [file, field] of cases) {
      const e = await refusal(importArticles(t.db, sl, file, now()));
      expect([e.status < 500, e.field], field).toEqual([true, field]);
    }
    // a zip whose directory declares more than the limit once inflated is refused before it is read
    const zip = new Uint8Array(22 + 46 + 1);
    const v = new DataView(zip.buffer);
    v.setUint32(0, 0x02014b50, true);
    v.setUint32(24, 0xfffffff0, true);
    v.setUint16(28, 1, true);
    v.setUint32(47, 0x06054b50, true);
    v.setUint16(47 + 10, 1, true);
    v.setUint32(47 + 16, 0, true);
    expect(zipInflatedSize(zip)).toBe(0xfffffff0);
  });
});

describe('export → import', () => {
  it('gives the same articles back, as CSV and as .xlsx', async () => {
    const sl = w.as('t_shift_lead');
    await createArticle(t.db, sl, { title: '=HYPERLINK("x") 公式防护', body: '- 列表开头\n\n**加粗**，逗号,引号"', keywords: ['公式', '防护'], unitIds: [await w.unitId('T-CGJ')], categoryCode: 'T01001', validFrom: '2026-02-01', validTo: '2026-12-31' }, now());
    const strip = (text: string) =>
      text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .slice(1)
        .sort();
    const content = (line: string) => line.replace(/^\d+,/, '').replace(/,(draft|pending|published|rejected),/, ',').replace(/,\d+,\d+,\d{4}-\d\d-\d\d \d\d:\d\d,/, ',');
    const exported = await exportArticlesCsv(t.db, sl, now());
    const n = await count();

    // as it is: every row names its article and repeats it — nothing written
    const same = await importArticles(t.db, sl, utf8(exported), now());
    expect([same.created, same.revised, same.unchanged]).toEqual([0, 0, n]);
    expect(await exportArticlesCsv(t.db, sl, now())).toBe(exported);

    // without ids: new drafts with the same content
    const withoutIds = exported.replace(/(^|\r\n)(\uFEFF)?\d+,/g, (_m, a: string, b: string | undefined) => `${a}${b ?? ''},`);
    const copies = await importArticles(t.db, sl, utf8(withoutIds), now());
    expect(copies.created).toBe(n);
    const after = strip(await exportArticlesCsv(t.db, sl, now()));
    const originals = strip(exported).map(content);
    const copied = after.filter((l) => copies.articles.some((a) => l.startsWith(`${a.id},`))).map(content);
    expect(copied.sort()).toEqual(originals.sort());

    // the .xlsx export read back: unchanged as well
    const xlsx = await exportArticlesXlsx(t.db, sl, now());
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    const fromXlsx = await importArticles(t.db, sl, new Uint8Array(xlsx), now());
    expect([fromXlsx.created, fromXlsx.revised, fromXlsx.unchanged]).toEqual([0, 0, 2 * n]);
  });
});
