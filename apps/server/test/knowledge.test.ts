/**
 * 知识库 over HTTP on the demo district (its 30 articles): an operator's search in Chinese — without word
 * boundaries, by pinyin initials, through a synonym, with one character wrong — never offers an expired article or
 * a draft; an article written, reviewed and published by the centre; scope and permission refused (403/404); bad
 * input a 4xx naming the field with nothing written; a consultation answered with an article (linked, counted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '@liandong/contracts';
import { startTestServer, unitId, type TestServer } from './harness.ts';
import { createOrder, expectOk } from './order-fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

async function search(q: string, user = 'zx_operator'): Promise<SearchResult> {
  return expectOk(await (await s.as(user)).get(`/api/v1/knowledge/search?q=${encodeURIComponent(q)}` as '/api/v1/knowledge/search'), `search ${q}`);
}
const titles = async (q: string) => (await search(q)).items.map((i) => i.title);

describe('knowledge search on the demo district', () => {
  it('answers a question typed as the caller says it', async () => {
    expect((await titles('社保卡丢了怎么补办'))[0]).toBe('社保卡丢失如何挂失和补办');
    expect((await titles('孩子上小学怎么报名'))[0]).toBe('义务教育小学新生入学报名');
    expect((await titles('开个体户要办什么执照'))[0]).toBe('个体工商户营业执照办理');
  });

  it('finds by pinyin initials, through a synonym, and with one character wrong', async () => {
    expect((await titles('sbk'))[0]).toBe('社保卡丢失如何挂失和补办');
    const syn = await search('社会保障卡补办');
    expect(syn.items[0]?.title).toBe('社保卡丢失如何挂失和补办');
    expect((await titles('住房公积经提取'))[0]).toBe('住房公积金提取条件和办理流程');
    expect((await titles('同里景区开放时间'))[0]).toBe('吴江区主要旅游景区开放和购票');
  });

  it('highlights matched words and escapes the rest', async () => {
    const r = await search('路灯不亮');
    expect(r.items[0]!.title).toBe('路灯不亮、道路照明故障报修');
    expect(r.items[0]!.titleHtml).toBe('<mark>路灯不亮</mark>、道路<mark>照明</mark>故障报修');
    expect(r.items[0]!.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
  });

  it('never offers an expired article', async () => {
    const hits = await titles('2025年度城乡居民医保集中缴费期');
    expect(hits).not.toContain('2025年度城乡居民医保集中缴费期');
    const expired = await s.platform.db.query<{ id: number }>(`select id from kb_articles where title = '2025年度城乡居民医保集中缴费期'`);
    expect((await (await s.as('zx_operator')).get(`/api/v1/knowledge/articles/${expired.rows[0]!.id}` as '/api/v1/knowledge/articles/:id')).status).toBe(404);
  });

  it('refuses a search to whoever does not read the knowledge base, and an empty query naming q', async () => {
    const r = await (await s.as('songling_gridworker')).get('/api/v1/knowledge/search?q=社保' as '/api/v1/knowledge/search');
    expect(r.status).toBe(403);
    const empty = await (await s.as('zx_operator')).get('/api/v1/knowledge/search?q=' as '/api/v1/knowledge/search');
    expect(empty.status).toBe(400);
    expect((empty.body as any).error.field).toBe('q');
  });
});

describe('writing, review and scope', () => {
  it('keeps a draft from operators until a reviewer publishes it', async () => {
    const sl = await s.as('zx_shiftlead');
    const created = expectOk(
      await sl.post('/api/v1/knowledge/articles', { title: '电动自行车上牌登记', body: '新购电动自行车请在购车后 15 日内到公安交警部门指定点登记上牌。', keywords: ['电动车', '上牌'], unitIds: [await unitId(s, 'WJ-GAJ')] }),
      'create',
      201,
    );
    expect(created.state).toBe('draft');
    const op = await s.as('zx_operator');
    expect(await titles('电动车上牌')).not.toContain('电动自行车上牌登记');
    expect((await op.get(`/api/v1/knowledge/articles/${created.id}` as '/api/v1/knowledge/articles/:id')).status).toBe(404);
    expect((await op.post(`/api/v1/knowledge/articles/${created.id}/submit` as '/api/v1/knowledge/articles/:id/submit', {})).status).toBe(404);
    expectOk(await sl.post(`/api/v1/knowledge/articles/${created.id}/submit` as '/api/v1/knowledge/articles/:id/submit', {}), 'submit');
    // the unit it concerns keeps it but may not review it; a dispatcher does not even see it
    expect((await (await s.as('gaj_handler')).post(`/api/v1/knowledge/articles/${created.id}/publish` as '/api/v1/knowledge/articles/:id/publish', {})).status).toBe(403);
    expect((await (await s.as('zx_dispatcher')).post(`/api/v1/knowledge/articles/${created.id}/publish` as '/api/v1/knowledge/articles/:id/publish', {})).status).toBe(404);
    expectOk(await (await s.as('admin')).post(`/api/v1/knowledge/articles/${created.id}/publish` as '/api/v1/knowledge/articles/:id/publish', { note: '同意' }), 'publish');
    expect((await titles('电动车上牌'))[0]).toBe('电动自行车上牌登记');
    const versions = expectOk(await sl.get(`/api/v1/knowledge/articles/${created.id}/versions` as '/api/v1/knowledge/articles/:id/versions'), 'versions');
    expect(versions.map((v: { event: string; changedBy: { name: string } | null }) => [v.event, v.changedBy?.name])).toEqual([
      ['published', '系统管理员'],
      ['submitted', '区中心值班长 陈静'],
      ['created', '区中心值班长 陈静'],
    ]);
  });

  it('lets a handling unit write only about itself', async () => {
    const h = await s.as('swuj_handler');
    const own = await unitId(s, 'WJ-SWUJ');
    const other = await unitId(s, 'WJ-CGJ');
    const refused = await h.post('/api/v1/knowledge/articles', { title: '商务局测试', body: '正文', keywords: [], unitIds: [other] });
    expect([refused.status, (refused.body as any).error.field]).toEqual([403, 'unitIds']);
    expectOk(await h.post('/api/v1/knowledge/articles', { title: '商务局测试', body: '正文', keywords: [], unitIds: [own] }), 'own', 201);
    const list = expectOk(await h.get('/api/v1/knowledge/articles?state=draft' as '/api/v1/knowledge/articles'), 'drafts');
    expect(list.items.map((i: { title: string }) => i.title)).toEqual(['商务局测试']);
    const cgjDrafts = expectOk(await (await s.as('cgj_handler')).get('/api/v1/knowledge/articles?state=draft' as '/api/v1/knowledge/articles'), 'cgj drafts');
    expect(cgjDrafts.items.map((i: { title: string }) => i.title)).not.toContain('商务局测试');
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const sl = await s.as('zx_shiftlead');
    const before = (await s.platform.db.query<{ n: number }>('select count(*)::int as n from kb_articles')).rows[0]!.n;
    const base = { title: '测试', body: '正文', keywords: [], unitIds: [] };
    const cases: [unknown, string, number][] = [
      [{ ...base, title: undefined }, 'title', 400],
      [{ ...base, validFrom: '2026-05-01', validTo: '2026-04-01' }, 'validTo', 400],
      [{ ...base, validTo: 'tomorrow' }, 'validTo', 400],
      [{ ...base, categoryCode: 'NOPE' }, 'categoryCode', 422],
      [{ ...base, unitIds: [987654] }, 'unitIds', 422],
      [{ ...base, attachments: ['6f1c2b8e-3c44-4c1e-9a5e-1b2c3d4e5f60'] }, 'attachments', 422],
    ];
    for (const [body, field, status] of cases) {
      const r = await sl.post('/api/v1/knowledge/articles', body);
      expect([r.status, (r.body as any).error?.field], field).toEqual([status, field]);
    }
    expect((await s.platform.db.query<{ n: number }>('select count(*)::int as n from kb_articles')).rows[0]!.n).toBe(before);
  });
});

describe('a consultation answered with an article', () => {
  it('closes directly with the article on the timeline, counted', async () => {
    const hit = (await search('公积金怎么提取')).items[0]!;
    const f = await createOrder(s, { nature: 'consultation', categoryCode: null, description: '市民来电咨询公积金怎么提取' });
    const op = await s.as('zx_operator');
    const closed = expectOk(
      await op.post(`/api/v1/orders/${f.id}/actions/answer` as '/api/v1/orders/:id/actions/answer', { answer: hit.answer, articleId: hit.id }),
      'answer',
    );
    expect(closed.state.code).toBe('closed');
    const ev = closed.timeline.find((e: { action: string }) => e.action === 'answer');
    expect(ev.data.article).toMatchObject({ id: hit.id, title: '住房公积金提取条件和办理流程' });
    const a = expectOk(await op.get(`/api/v1/knowledge/articles/${hit.id}` as '/api/v1/knowledge/articles/:id'), 'article');
    expect(a.useCount).toBe(1);
    const bad = await op.post(`/api/v1/orders/${(await createOrder(s, { nature: 'consultation', categoryCode: null })).id}/actions/answer` as '/api/v1/orders/:id/actions/answer', { answer: '答复', articleId: 999999 });
    expect([bad.status, (bad.body as any).error.field]).toEqual([422, 'articleId']);
  });
});

describe('an article proposed from a handled order', () => {
  it('drafts the request and its reply for a writer who sees the order, and refuses an order without a reply', async () => {
    const f = await createOrder(s, { nature: 'consultation', categoryCode: null, description: '市民咨询电动自行车上牌需要带什么材料' });
    const op = await s.as('zx_operator');
    expectOk(await op.post(`/api/v1/orders/${f.id}/actions/answer` as '/api/v1/orders/:id/actions/answer', { answer: '携带购车发票、合格证和身份证到交警指定点办理。' }), 'answer');
    const sl = await s.as('zx_shiftlead');
    const draft = expectOk(await sl.post('/api/v1/knowledge/articles/from-order', { orderId: f.id }), 'propose', 201);
    expect(draft.state).toBe('draft');
    expect(draft.body).toContain('携带购车发票');
    expect(draft.title).toBe('市民咨询电动自行车上牌需要带什么材料');
    expect((await op.post('/api/v1/knowledge/articles/from-order', { orderId: f.id })).status).toBe(403);
    const open = await createOrder(s, { nature: 'consultation', categoryCode: null });
    const none = await sl.post('/api/v1/knowledge/articles/from-order', { orderId: open.id });
    expect([none.status, (none.body as any).error.field]).toEqual([422, 'orderId']);
    // a handling unit that never saw the order: 404
    expect((await (await s.as('wtlj_handler')).post('/api/v1/knowledge/articles/from-order', { orderId: f.id })).status).toBe(404);
  });
});

describe('export', () => {
  it('gives the articles one reads as CSV, never a draft to an operator, formulas defused', async () => {
    const sl = await s.as('zx_shiftlead');
    expectOk(await sl.post('/api/v1/knowledge/articles', { title: '=HYPERLINK("x")', body: '草稿正文', keywords: [], unitIds: [] }), 'formula draft', 201);
    const mine = await sl.request('GET', '/api/v1/knowledge/articles/export');
    expect(mine.status).toBe(200);
    const text = typeof mine.body === 'string' ? mine.body : JSON.stringify(mine.body);
    expect(mine.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(text.replace(/^\uFEFF/, '').startsWith('id,title,state,category_code,unit_codes')).toBe(true);
    expect(text).toContain('社保卡丢失如何挂失和补办');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    const op = await (await s.as('zx_operator')).request('GET', '/api/v1/knowledge/articles/export');
    expect(op.body).toContain('WJ-RSJ');
    expect(op.body).not.toContain('HYPERLINK');
    expect(op.body).not.toContain('2025年度城乡居民医保集中缴费期');
    expect((await (await s.as('songling_gridworker')).request('GET', '/api/v1/knowledge/articles/export')).status).toBe(403);
  });
});

