/**
 * 知识库 over HTTP on the demo district (its 30 articles): an operator's search in Chinese — without word
 * boundaries, by pinyin initials, through a synonym, with one character wrong — never offers an expired article or
 * a draft; an article written, reviewed and published by the centre; scope and permission refused (403/404); bad
 * input a 4xx naming the field with nothing written; a consultation answered with an article (linked, counted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '@liandong/contracts';
import { startTestServer, unitId, type TestServer } from './harness.ts';
import { createOrder, expectOk, upload } from './order-fixtures.ts';

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


describe('four-eyes review (四眼原则)', () => {
  it('refuses the writer publishing his own version unless an administrator allows self-review', async () => {
    const sl = await s.as('zx_shiftlead');
    const a = expectOk(await sl.post('/api/v1/knowledge/articles', { title: '四眼原则演示', body: '本人编写的知识须由他人审核。', keywords: [], unitIds: [] }), 'create', 201);
    const pending = expectOk(await sl.post(`/api/v1/knowledge/articles/${a.id}/submit` as '/api/v1/knowledge/articles/:id/submit', {}), 'submit');
    expect(pending.allowedActions).not.toContain('publish');
    const own = await (await s.as('zx_shiftlead', 'en')).post(`/api/v1/knowledge/articles/${a.id}/publish` as '/api/v1/knowledge/articles/:id/publish', {});
    expect([own.status, (own.body as any).error.code]).toEqual([403, 'self_review']);
    expect((own.body as any).error.message).toMatch(/Four-eyes rule/);
    // another reviewer of the centre's knowledge — a town sub-centre's shift lead — may
    const other = await s.as('songling_shiftlead');
    expect(expectOk(await other.get(`/api/v1/knowledge/articles/${a.id}` as '/api/v1/knowledge/articles/:id'), 'get').allowedActions).toContain('publish');
    expect(expectOk(await other.post(`/api/v1/knowledge/articles/${a.id}/publish` as '/api/v1/knowledge/articles/:id/publish', {}), 'publish').state).toBe('published');
    // the setting: administrators only
    const admin = await s.as('admin');
    expect(expectOk(await admin.get('/api/v1/knowledge/settings'), 'settings')).toEqual({ selfReview: false });
    expect((await sl.put('/api/v1/knowledge/settings', { selfReview: true })).status).toBe(403);
    expectOk(await admin.put('/api/v1/knowledge/settings', { selfReview: true }), 'allow');
    const b = expectOk(await sl.post('/api/v1/knowledge/articles', { title: '单人审核部署', body: '正文', keywords: [], unitIds: [] }), 'create b', 201);
    expectOk(await sl.post(`/api/v1/knowledge/articles/${b.id}/submit` as '/api/v1/knowledge/articles/:id/submit', {}), 'submit b');
    expect(expectOk(await sl.post(`/api/v1/knowledge/articles/${b.id}/publish` as '/api/v1/knowledge/articles/:id/publish', {}), 'publish b').state).toBe('published');
    expectOk(await admin.put('/api/v1/knowledge/settings', { selfReview: false }), 'forbid again');
  });
});

describe('import', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  async function post(user: string, body: Uint8Array | string, contentType: string, lang?: string) {
    const c = await s.as(user);
    const r = await fetch(`${s.base}/api/v1/knowledge/articles/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': contentType, ...(lang ? { 'accept-language': lang } : {}) },
      body,
    });
    return { status: r.status, body: (await r.json()) as any };
  }
  const count = async () => (await s.platform.db.query<{ n: number }>('select count(*)::int as n from kb_articles')).rows[0]!.n;

  it('takes CSV as the raw body: bad rows listed in the request language and nothing written, then the fixed file', async () => {
    const before = await count();
    const head = 'title,unit_codes,keywords,valid_from,body\r\n';
    const bad = await post('zx_shiftlead', `${head}犬类登记,WJ-GAJ,养犬,2026-01-01,携带疫苗证明办理。\r\n,WJ-GAJ,,,无标题\r\n犬类年检,WJ-NOPE,,明天,正文\r\n`, 'text/csv', 'en');
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('knowledge_import_invalid');
    expect(bad.body.error.problems).toEqual([
      { row: 3, field: 'title', message: 'the title is empty' },
      { row: 4, field: 'unit_codes', message: 'no unit coded WJ-NOPE' },
      { row: 4, field: 'valid_from', message: 'a date is YYYY-MM-DD' },
    ]);
    const zh = await post('zx_shiftlead', `${head},WJ-GAJ,,,无标题\r\n`, 'text/csv');
    expect(zh.body.error.problems[0]).toEqual({ row: 2, field: 'title', message: '标题不能为空' });
    expect(await count()).toBe(before);
    const ok = await post('zx_shiftlead', `${head}犬类登记,WJ-GAJ,养犬,2026-01-01,携带疫苗证明办理。\r\n`, 'text/csv');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ created: 1, revised: 0, unchanged: 0, articles: [{ row: 2, title: '犬类登记', outcome: 'created' }] });
    expect((await post('zx_operator', `${head}a,,,,b\r\n`, 'text/csv')).status).toBe(403);
    expect((await post('zx_shiftlead', new Uint8Array(6 * 1024 * 1024), 'text/csv')).status).toBe(413);
  });

  it('exports .xlsx and takes it back: the same articles, nothing written', async () => {
    const c = await s.as('zx_shiftlead');
    const r = await fetch(`${s.base}/api/v1/knowledge/articles/export?format=xlsx`, { headers: { authorization: `Bearer ${c.token}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX);
    expect(r.headers.get('content-disposition')).toMatch(/\.xlsx/);
    const bytes = new Uint8Array(await r.arrayBuffer());
    const versions = (await s.platform.db.query<{ n: number }>('select count(*)::int as n from kb_article_versions')).rows[0]!.n;
    const back = await post('zx_shiftlead', bytes, XLSX);
    expect(back.status).toBe(200);
    expect(back.body.created + back.body.revised).toBe(0);
    expect(back.body.unchanged).toBeGreaterThanOrEqual(30);
    expect((await s.platform.db.query<{ n: number }>('select count(*)::int as n from kb_article_versions')).rows[0]!.n).toBe(versions);
  });
});

describe('attachments', () => {
  it('are read by those who keep the draft, by readers once it is offered, and kept from the sweep of unattached uploads', async () => {
    const { purgeUnattachedFiles } = await import('@liandong/core/files/purge-unattached-files.ts');
    const file = await upload(s, 'zx_shiftlead', 'guide.jpg');
    const sl = await s.as('zx_shiftlead');
    const a = expectOk(await sl.post('/api/v1/knowledge/articles', { title: '附件演示', body: '见附件。', keywords: [], unitIds: [], attachments: [file] }), 'create', 201);
    expect(a.attachments.map((f: { id: string }) => f.id)).toEqual([file]);
    const read = async (user: string) => (await fetch(`${s.base}/api/v1/files/${file}`, { headers: { authorization: `Bearer ${(await s.as(user)).token}` } })).status;
    expect(await read('admin')).toBe(200);
    expect(await read('songling_shiftlead')).toBe(200);
    expect(await read('zx_operator')).toBe(404);
    expectOk(await sl.post(`/api/v1/knowledge/articles/${a.id}/submit` as '/api/v1/knowledge/articles/:id/submit', {}), 'submit');
    expectOk(await (await s.as('admin')).post(`/api/v1/knowledge/articles/${a.id}/publish` as '/api/v1/knowledge/articles/:id/publish', {}), 'publish');
    expect(await read('zx_operator')).toBe(200);
    // removed from the working copy: still the published version's, so still read, and never swept
    const edited = expectOk(await sl.put(`/api/v1/knowledge/articles/${a.id}` as '/api/v1/knowledge/articles/:id', { title: '附件演示', body: '见附件。', keywords: [], unitIds: [], attachments: [] }), 'remove');
    expect(edited.attachments).toEqual([]);
    expect(await read('zx_operator')).toBe(200);
    await purgeUnattachedFiles(s.platform.db, new Date(Date.now() + 3 * 86_400_000));
    expect(await read('zx_operator')).toBe(200);
  });
});
