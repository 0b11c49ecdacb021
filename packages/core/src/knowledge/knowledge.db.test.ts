/**
 * 知识库 on the database (both engines): articles written, reviewed and versioned; search in Chinese — without word
 * boundaries, with spaces, by pinyin initials, through a synonym, with one character wrong — ranked and highlighted;
 * expired and unpublished articles never offered to operators; scope and bad input refused naming the field; an
 * order answered with an article linked and counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput } from '@liandong/contracts';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { MINIMAL_SEED } from '../../test/seeds.ts';
import { minimalWorld, refusal, type MinimalWorld, type Person } from '../../test/factories.ts';
import { createOrder } from '../orders/create-order.ts';
import {
  articleVersions,
  createArticle,
  getArticle,
  listArticles,
  publishArticle,
  rejectArticle,
  searchArticles,
  submitArticle,
  updateArticle,
  withdrawArticle,
  exportArticlesCsv,
  setKnowledgeSettings,
} from './index.ts';
import { readKnowledgeSettings } from './review-settings.ts';

let t: TestDatabase;
let w: MinimalWorld;
let cgj: number;
const ids: Record<string, number> = {};

const now = () => w.clock.now;
const search = (q: string, who: Person = 't_operator') => searchArticles(w.db, w.as(who), { q }, now());
const titles = async (q: string) => (await search(q)).items.map((i) => i.title);

async function published(input: Omit<ArticleInput, 'unitIds'> & { unitIds?: number[] }): Promise<number> {
  const a = await createArticle(w.db, w.as('t_shift_lead'), { unitIds: [], ...input }, now());
  await submitArticle(w.db, w.as('t_shift_lead'), a.id, undefined, now());
  await publishArticle(w.db, w.as('t_shift_lead'), a.id, undefined, now());
  return a.id;
}

/** The minimal world has one reviewer: he may publish what he wrote while the setting allows it. */
const allowSelfReview = (selfReview: boolean) => t.db.query(`insert into settings (key, value) values ('knowledge.review', $1::jsonb) on conflict (key) do update set value = excluded.value`, [JSON.stringify({ selfReview })]);

beforeAll(async () => {
  t = await createTestDb(MINIMAL_SEED);
  w = await minimalWorld(t.db);
  cgj = await w.unitId('T-CGJ');
  await allowSelfReview(true);
  ids.card = await published({
    title: '社保卡丢失如何补办',
    body: '社会保障卡丢失后，请先拨打 12333 或通过“江苏智慧人社”挂失。\n\n## 补办地点\n- 吴江区人力资源和社会保障局服务大厅\n- 各镇（街道）社保所',
    keywords: ['社保卡', '补办', '挂失'],
  });
  ids.fund = await published({
    title: '住房公积金提取条件和办理流程',
    body: '职工购买、建造、翻建、大修自住住房，或偿还购房贷款本息，可以提取住房公积金。携带身份证到公积金中心吴江分中心办理。',
    keywords: ['公积金', '提取'],
  });
  ids.light = await published({
    title: '城市道路照明故障报修',
    body: '道路照明设施不亮、闪烁或倒杆，由区城市管理局负责维修，一般在三个工作日内修复。',
    keywords: ['照明', '报修'],
    unitIds: [cgj],
  });
  ids.medical = await published({
    title: '医疗保险异地就医备案',
    body: '参加吴江区职工医疗保险的人员长期异地居住，可以在国家医保服务平台办理异地就医备案。',
    keywords: ['异地就医', '备案'],
  });
  ids.expired = await published({
    title: '2025年度城乡居民医保参保缴费',
    body: '2025年度城乡居民医疗保险集中缴费期为2024年9月1日至12月31日。',
    keywords: ['医保缴费', '参保'],
    validTo: '2025-12-31',
  });
  ids.draft = (await createArticle(w.db, w.as('t_shift_lead'), { title: '新生儿落户办理指南', body: '新生儿出生后一个月内凭出生医学证明到户籍所在地派出所办理落户。', keywords: ['落户'], unitIds: [] }, now())).id;
});
afterAll(() => t?.close());

describe('knowledge search in Chinese', () => {
  it('finds an article for a question typed without word boundaries', async () => {
    expect((await titles('社保卡丢了怎么补'))[0]).toBe('社保卡丢失如何补办');
  });

  it('finds an article for words separated by spaces', async () => {
    expect((await titles('公积金 提取'))[0]).toBe('住房公积金提取条件和办理流程');
  });

  it('finds an article by the pinyin initials of its keyword (sbk → 社保卡)', async () => {
    expect((await titles('sbk'))[0]).toBe('社保卡丢失如何补办');
    expect(await titles('zzzq')).toEqual([]);
  });

  it('finds an article through a synonym it never uses (路灯 → 照明)', async () => {
    const r = await search('路灯不亮');
    expect(r.items[0]?.title).toBe('城市道路照明故障报修');
    expect(r.synonyms).toContain('照明');
    expect(r.items[0]!.snippetHtml).toContain('<mark>照明</mark>');
    expect(await titles('医保异地备案')).toContain('医疗保险异地就医备案');
  });

  it('tolerates one wrong character', async () => {
    expect((await titles('住房公积经提取'))[0]).toBe('住房公积金提取条件和办理流程');
  });

  it('ranks a title match above a body match and highlights the words', async () => {
    const r = await search('社保卡补办');
    expect(r.items[0]!.id).toBe(ids.card);
    expect(r.items[0]!.titleHtml).toContain('<mark>');
    expect(r.items.map((i) => i.score)).toEqual([...r.items.map((i) => i.score)].sort((a, b) => b - a));
  });

  it('never offers an expired article or a draft to operators', async () => {
    expect(await titles('城乡居民医保参保缴费')).not.toContain('2025年度城乡居民医保参保缴费');
    expect(await titles('新生儿落户')).toEqual([]);
    expect((await refusal(getArticle(w.db, w.as('t_operator'), ids.expired!, now()))).status).toBe(404);
    expect((await refusal(getArticle(w.db, w.as('t_operator'), ids.draft!, now()))).status).toBe(404);
    const list = await listArticles(w.db, w.as('t_operator'), {}, now(), 'zh');
    expect(list.items.map((i) => i.id).sort()).toEqual([ids.card, ids.fund, ids.light, ids.medical].sort());
  });

  it('escapes whatever markup a writer types, in the article and in snippets', async () => {
    const id = await published({ title: '脚本测试<script>alert(1)</script>', body: '办理说明 <img src=x onerror=alert(1)> <script>alert(2)</script> **注意**', keywords: ['脚本测试'] });
    const a = await getArticle(w.db, w.as('t_operator'), id, now());
    expect(a.bodyHtml).not.toMatch(/<script|<img/);
    expect(a.bodyHtml).toContain('&lt;script&gt;');
    expect(a.bodyHtml).toContain('<strong>注意</strong>');
    const hit = (await search('脚本测试')).items.find((i) => i.id === id)!;
    expect(hit.titleHtml).not.toContain('<script');
    expect(hit.snippetHtml).not.toMatch(/<script|<img/);
    await withdrawArticle(w.db, w.as('t_shift_lead'), id, now());
    expect(await titles('脚本测试')).toEqual([]);
  });
});

describe('writing and reviewing', () => {
  it('keeps every save as a version, and offers the published one until the new one is published', async () => {
    const sl = w.as('t_shift_lead');
    const before = await getArticle(w.db, sl, ids.fund!, now());
    const edited = await updateArticle(
      w.db,
      sl,
      ids.fund!,
      { title: before.title, body: `${before.body}\n\n提取后资金在三个工作日内到账。`, keywords: before.keywords, unitIds: [], note: '补充到账时间' },
      now(),
    );
    expect(edited.state).toBe('draft');
    expect(edited.live).toBe(true);
    expect((await getArticle(w.db, w.as('t_operator'), ids.fund!, now())).body).not.toContain('到账');
    await submitArticle(w.db, sl, ids.fund!, undefined, now());
    const rejected = await rejectArticle(w.db, sl, ids.fund!, '到账时间请以公积金中心公告为准', now());
    expect(rejected.state).toBe('rejected');
    expect(rejected.rejectReason).toBe('到账时间请以公积金中心公告为准');
    await submitArticle(w.db, sl, ids.fund!, undefined, now());
    await publishArticle(w.db, sl, ids.fund!, '核对无误', now());
    expect((await getArticle(w.db, w.as('t_operator'), ids.fund!, now())).body).toContain('到账');
    const versions = await articleVersions(w.db, sl, ids.fund!, now());
    expect(versions.map((v) => v.event)).toEqual(['published', 'submitted', 'rejected', 'submitted', 'edited', 'published', 'submitted', 'created']);
    const edit = versions.find((v) => v.event === 'edited')!;
    expect(edit.changedFields).toEqual(['body']);
    expect(edit.note).toBe('补充到账时间');
    expect(edit.changedBy?.name).toBe('值班长丙');
    expect((await refusal(articleVersions(w.db, w.as('t_operator'), ids.fund!, now()))).status).toBe(404);
  });

  it('refuses what each role may not do', async () => {
    const draft = { title: '测试', body: '正文', keywords: [], unitIds: [] };
    expect((await refusal(createArticle(w.db, w.as('t_operator'), draft, now()))).code).toBe('forbidden');
    expect((await refusal(search('社保卡', 't_grid_worker'))).status).toBe(403);
    // a handling unit writes only about its own units, and a reviewer's step is not his
    const e = await refusal(createArticle(w.db, w.as('t_handler'), { ...draft, unitIds: [await w.unitId('T-ZX')] }, now()));
    expect([e.status, e.field]).toEqual([403, 'unitIds']);
    const mine = await createArticle(w.db, w.as('t_handler'), { ...draft, title: '占道经营处理说明', unitIds: [cgj] }, now());
    await submitArticle(w.db, w.as('t_handler'), mine.id, undefined, now());
    expect((await refusal(publishArticle(w.db, w.as('t_handler'), mine.id, undefined, now()))).status).toBe(403);
    // he keeps the articles of his unit, never the centre's drafts
    expect((await refusal(getArticle(w.db, w.as('t_handler'), ids.draft!, now()))).status).toBe(404);
    const kept = await listArticles(w.db, w.as('t_handler'), { state: 'pending' }, now(), 'zh');
    expect(kept.items.map((i) => i.id)).toEqual([mine.id]);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const sl = w.as('t_shift_lead');
    const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from kb_articles')).rows[0]!.n;
    const n = await count();
    const base = { title: '有效期测试', body: '正文', keywords: [], unitIds: [] };
    expect((await refusal(createArticle(w.db, sl, { ...base, validFrom: '2026-05-01', validTo: '2026-04-01' }, now()))).field).toBe('validTo');
    expect((await refusal(createArticle(w.db, sl, { ...base, validFrom: '2026-02-30' }, now()))).field).toBe('validFrom');
    expect((await refusal(createArticle(w.db, sl, { ...base, categoryCode: 'NOPE' }, now()))).field).toBe('categoryCode');
    expect((await refusal(createArticle(w.db, sl, { ...base, unitIds: [999999] }, now()))).field).toBe('unitIds');
    expect((await refusal(createArticle(w.db, sl, { ...base, title: '   ' }, now()))).field).toBe('title');
    expect((await refusal(rejectArticle(w.db, sl, ids.card!, ' ', now()))).field).toBe('reason');
    expect((await refusal(submitArticle(w.db, sl, ids.card!, undefined, now()))).code).toBe('wrong_state');
    expect(await count()).toBe(n);
  });
});

describe('four-eyes review (四眼原则)', () => {
  it('refuses the writer publishing his own pending version unless the deployment allows it; another reviewer may', async () => {
    await allowSelfReview(false);
    try {
      const sl = w.as('t_shift_lead');
      const own = await createArticle(w.db, sl, { title: '四眼原则测试', body: '正文', keywords: [], unitIds: [] }, now());
      const pending = await submitArticle(w.db, sl, own.id, undefined, now());
      expect(pending.allowedActions).toEqual(['edit', 'reject']);
      const e = await refusal(publishArticle(w.db, sl, own.id, undefined, now()));
      expect([e.status, e.code]).toEqual([403, 'self_review']);
      expect(e.messages.zh).toContain('四眼原则');
      expect((await getArticle(w.db, sl, own.id, now())).state).toBe('pending');
      // written by the handling unit, reviewed by the shift lead: published
      const theirs = await createArticle(w.db, w.as('t_handler'), { title: '占道经营四眼测试', body: '正文', keywords: [], unitIds: [cgj] }, now());
      await submitArticle(w.db, w.as('t_handler'), theirs.id, undefined, now());
      expect((await getArticle(w.db, sl, theirs.id, now())).allowedActions).toContain('publish');
      expect((await publishArticle(w.db, sl, theirs.id, undefined, now())).state).toBe('published');
      // the setting, kept by administrators only
      expect((await refusal(setKnowledgeSettings(w.db, sl, { selfReview: true }))).status).toBe(403);
      expect(await readKnowledgeSettings(t.db)).toEqual({ selfReview: false });
      await allowSelfReview(true);
      expect((await getArticle(w.db, sl, own.id, now())).allowedActions).toContain('publish');
      expect((await publishArticle(w.db, sl, own.id, undefined, now())).state).toBe('published');
    } finally {
      await allowSelfReview(true);
    }
  });
});

describe('answering a consultation with an article', () => {
  async function consultation(): Promise<number> {
    const r = await createOrder(
      w.db,
      w.as('t_operator'),
      { channel: 'hotline', nature: 'consultation', description: '市民来电咨询社保卡丢了怎么补办', location: { lng: 120.61, lat: 31.11 }, reporter: { name: '赵六', phone: '13800000009' } },
      `kb-${Math.random()}`,
      w.services,
    );
    return r.order.id;
  }

  it('closes the order with the article linked on its timeline and counted once', async () => {
    const id = await consultation();
    const closed = await w.act('t_operator', id, 'answer', { answer: '请先挂失，再到社保服务大厅补办。', articleId: ids.card! });
    expect(closed.state).toBe('closed');
    const ev = (await t.db.query<{ data: { article?: { id: number; title: string } } }>(`select data from order_events where order_id = $1 and action = 'answer'`, [id])).rows[0]!;
    expect(ev.data.article).toMatchObject({ id: ids.card, title: '社保卡丢失如何补办' });
    expect((await getArticle(w.db, w.as('t_operator'), ids.card!, now())).useCount).toBe(1);
  });

  it('refuses an expired or unpublished article naming articleId, and the order stays open', async () => {
    for (const articleId of [ids.expired!, ids.draft!]) {
      const id = await consultation();
      const e = await refusal(w.act('t_operator', id, 'answer', { answer: '答复', articleId }));
      expect([e.status, e.field]).toEqual([422, 'articleId']);
      expect((await t.db.query<{ state: string }>('select state from orders where id = $1', [id])).rows[0]!.state).not.toBe('closed');
    }
  });
});

describe('export', () => {
  it('writes CSV with a BOM for Excel, one row per article the reader may see', async () => {
    const csv = await exportArticlesCsv(w.db, w.as('t_operator'), now());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('id,title,state,category_code,unit_codes,keywords,valid_from,valid_to,version,use_count,updated_at,body');
    expect(csv).toContain('社保卡丢失如何补办');
    expect(csv).not.toContain('新生儿落户办理指南');
    expect(await exportArticlesCsv(w.db, w.as('t_shift_lead'), now())).toContain('新生儿落户办理指南');
  });
});

