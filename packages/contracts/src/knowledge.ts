/**
 * 知识库 (knowledge base, docs/knowledge-base.md): articles operators answer consultations with. An article is
 * written (draft), submitted for review (pending), and published or rejected with a reason by a reviewer; each
 * save and decision is a version. Operators see only the published version of articles valid today; search is
 * by words, character pairs, synonyms and pinyin initials, ranked by relevance and freshness, with snippets.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, IdParams, Nullable, Obj, Ok, PageOf, PagingFields } from './common.ts';
import { route } from './route.ts';
import { literals, type Labels } from './vocabulary.ts';

export const ARTICLE_STATES = ['draft', 'pending', 'published', 'rejected'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];
export const ARTICLE_STATE_LABELS: Record<ArticleState, Labels> = {
  draft: { zh: '草稿', en: 'Draft' },
  pending: { zh: '待审核', en: 'Pending review' },
  published: { zh: '已发布', en: 'Published' },
  rejected: { zh: '已退回', en: 'Rejected' },
};

export const ARTICLE_ACTIONS = ['edit', 'submit', 'publish', 'reject', 'withdraw'] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

export const ARTICLE_EVENTS = ['created', 'edited', 'submitted', 'published', 'rejected'] as const;

const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD, China time' });
const Who = Nullable(Obj({ id: Type.Integer(), name: Type.String() }));
const UnitRef = Obj({ id: Type.Integer(), name: Type.String() });
const FileRef = Obj({ id: Type.String({ format: 'uuid' }), name: Type.String(), contentType: Type.String(), size: Type.Integer() });

export const ArticleSchema = Obj({
  id: Type.Integer(),
  title: Type.String(),
  body: Type.String({ description: 'the text as written (paragraphs, "## " headings, "- " lists, **bold**)' }),
  bodyHtml: Type.String({ description: 'the body rendered as HTML; everything the writer typed is escaped' }),
  category: Nullable(Obj({ code: Type.String(), name: Type.String() })),
  units: Type.Array(UnitRef, { description: 'the units it concerns (涉及单位)' }),
  keywords: Type.Array(Type.String()),
  validFrom: Nullable(DateOnly),
  validTo: Nullable(DateOnly),
  state: literals(ARTICLE_STATES),
  live: Type.Boolean({ description: 'a version of it is published (operators see that one)' }),
  offered: Type.Boolean({ description: 'published and valid today: offered to operators' }),
  version: Type.Integer(),
  publishedVersion: Nullable(Type.Integer()),
  rejectReason: Nullable(Type.String()),
  attachments: Type.Array(FileRef),
  useCount: Type.Integer({ description: 'orders answered with it (直接办结)' }),
  createdAt: DateTime,
  createdBy: Who,
  updatedAt: DateTime,
  updatedBy: Who,
  publishedAt: Nullable(DateTime),
  allowedActions: Type.Array(literals(ARTICLE_ACTIONS)),
});
export type ArticleView = Static<typeof ArticleSchema>;

export const ArticleListItemSchema = Obj({
  id: Type.Integer(),
  title: Type.String(),
  category: Nullable(Obj({ code: Type.String(), name: Type.String() })),
  units: Type.Array(UnitRef),
  keywords: Type.Array(Type.String()),
  validFrom: Nullable(DateOnly),
  validTo: Nullable(DateOnly),
  state: literals(ARTICLE_STATES),
  live: Type.Boolean(),
  offered: Type.Boolean(),
  version: Type.Integer(),
  useCount: Type.Integer(),
  updatedAt: DateTime,
  updatedBy: Who,
});
export type ArticleListItem = Static<typeof ArticleListItemSchema>;
export const ArticlePageSchema = PageOf(ArticleListItemSchema);
export type ArticlePage = Static<typeof ArticlePageSchema>;

export const ArticleListQuery = Obj({
  state: Type.Optional(literals(ARTICLE_STATES)),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'words of the title' })),
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  ...PagingFields,
});

export const ArticleBody = Obj({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 20000 }),
  categoryCode: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  unitIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20, uniqueItems: true, description: 'the units it concerns' }),
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 20, uniqueItems: true }),
  validFrom: Type.Optional(Nullable(DateOnly)),
  validTo: Type.Optional(Nullable(DateOnly)),
  attachments: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10, uniqueItems: true, description: 'public ids of files you uploaded (or already attached)' })),
  note: Type.Optional(Type.String({ maxLength: 500, description: 'what changed and why (版本说明)' })),
});
export type ArticleInput = Static<typeof ArticleBody>;

export const RejectBody = Obj({ reason: Type.String({ minLength: 1, maxLength: 500 }) });
export const ReviewNoteBody = Obj({ note: Type.Optional(Type.String({ maxLength: 500 })) });

export const ArticleVersionSchema = Obj({
  version: Type.Integer(),
  event: literals(ARTICLE_EVENTS),
  title: Type.String(),
  body: Type.String(),
  categoryCode: Nullable(Type.String()),
  keywords: Type.Array(Type.String()),
  unitIds: Type.Array(Type.Integer()),
  validFrom: Nullable(DateOnly),
  validTo: Nullable(DateOnly),
  changedFields: Type.Array(Type.String(), { description: 'what this save changed against the version before' }),
  note: Nullable(Type.String({ description: 'the writer’s note, or the reviewer’s reason' })),
  changedAt: DateTime,
  changedBy: Who,
});
export type ArticleVersionView = Static<typeof ArticleVersionSchema>;

export const SearchQuery = Obj({
  q: Type.String({ minLength: 1, maxLength: 500, description: 'what the caller asks, in any words; pinyin initials (sbk) too' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'default 10' })),
});

export const SearchHitSchema = Obj({
  id: Type.Integer(),
  title: Type.String(),
  titleHtml: Type.String({ description: 'the title HTML-escaped, matched words in <mark>' }),
  snippetHtml: Type.String({ description: 'a passage of the body HTML-escaped, matched words in <mark>' }),
  answer: Type.String({ description: 'the body as plain text: what the operator may give as the answer' }),
  category: Nullable(Obj({ code: Type.String(), name: Type.String() })),
  units: Type.Array(UnitRef),
  validTo: Nullable(DateOnly),
  score: Type.Number({ description: 'relevance × freshness (docs/knowledge-base.md)' }),
  matched: Type.Array(Type.String(), { description: 'the words that matched' }),
  useCount: Type.Integer(),
});
export type SearchHit = Static<typeof SearchHitSchema>;
export const SearchResultSchema = Obj({
  items: Type.Array(SearchHitSchema),
  synonyms: Type.Array(Type.String(), { description: 'synonyms of the query searched too' }),
});
export type SearchResult = Static<typeof SearchResultSchema>;

export const SynonymSchema = Obj({ id: Type.Integer(), word: Type.String(), synonym: Type.String() });
export type SynonymView = Static<typeof SynonymSchema>;
export const SynonymBody = Obj({ word: Type.String({ minLength: 1, maxLength: 30 }), synonym: Type.String({ minLength: 1, maxLength: 30 }) });

/** The columns of the export, the import's format too (its extra columns — state, version, use_count, updated_at — are read and ignored). */
export const ARTICLE_FILE_COLUMNS = ['id', 'title', 'state', 'category_code', 'unit_codes', 'keywords', 'valid_from', 'valid_to', 'version', 'use_count', 'updated_at', 'body'] as const;
/** The largest import file and the most rows it may have. */
export const ARTICLE_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const ARTICLE_IMPORT_MAX_ROWS = 500;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const ArticleExportQuery = Obj({
  format: Type.Optional(literals(['csv', 'xlsx'] as const, { description: 'csv (default; UTF-8 with BOM) or xlsx (Excel)' })),
});

export const ARTICLE_IMPORT_OUTCOMES = ['created', 'revised', 'unchanged'] as const;
export const ArticleImportSchema = Obj({
  created: Type.Integer({ description: 'rows without id written as new drafts' }),
  revised: Type.Integer({ description: 'rows naming an article written as its new version (back to draft)' }),
  unchanged: Type.Integer({ description: 'rows naming an article whose content they repeat: nothing written' }),
  articles: Type.Array(
    Obj({ row: Type.Integer({ description: 'the row as a spreadsheet numbers it' }), id: Type.Integer(), title: Type.String(), outcome: literals(ARTICLE_IMPORT_OUTCOMES) }),
  ),
});
export type ArticleImportResult = Static<typeof ArticleImportSchema>;

export const KnowledgeSettingsSchema = Obj({
  selfReview: Type.Boolean({ description: 'a reviewer may publish a version he wrote himself (四眼原则 waived; default false)' }),
});
export type KnowledgeSettingsView = Static<typeof KnowledgeSettingsSchema>;

/** The order actions whose note is a reply to the citizen's request: an order with one may be proposed as an article. */
export const ORDER_REPLY_ACTIONS = ['answer', 'feedback', 'close', 'force-close'] as const;

const A = '/api/v1/knowledge/articles';
export const knowledgeRoutes = {
  search: route({
    method: 'GET',
    path: '/api/v1/knowledge/search',
    tags: ['knowledge'],
    summary: '知识检索 Published articles valid today that answer the words (operators’ intake)',
    querystring: SearchQuery,
    response: { 200: SearchResultSchema },
  }),
  list: route({
    method: 'GET',
    path: A,
    tags: ['knowledge'],
    summary: '知识列表 Articles you may keep or review (editors, reviewers) or read (published, valid)',
    querystring: ArticleListQuery,
    response: { 200: ArticlePageSchema },
  }),
  propose: route({
    method: 'POST',
    path: `${A}/from-order`,
    tags: ['knowledge'],
    summary: '由工单生成知识 A draft from a handled order’s request and reply (writers who see the order)',
    body: Obj({ orderId: Type.Integer({ minimum: 1 }) }),
    response: { 201: ArticleSchema },
  }),
  export: route({
    method: 'GET',
    path: `${A}/export`,
    tags: ['knowledge'],
    summary: '导出知识 The articles you keep or read as CSV (UTF-8 with BOM) or Excel (?format=xlsx): id, title, state, category, unit codes, keywords, validity, version, uses, body',
    querystring: ArticleExportQuery,
    binary: true,
    contentType: 'text/csv',
    response: { 200: Type.String({ description: 'CSV, or with format=xlsx an .xlsx workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)' }) },
  }),
  import: route({
    method: 'POST',
    path: `${A}/import`,
    tags: ['knowledge'],
    summary:
      '导入知识 Import the export’s columns from CSV (UTF-8) or .xlsx sent as the raw body: each row a new draft, or with an id a new version of that article; every row checked first — one bad row and nothing is written (422 listing each row and column)',
    response: { 200: ArticleImportSchema },
  }),
  settings: route({ method: 'GET', path: '/api/v1/knowledge/settings', tags: ['knowledge'], summary: '知识库设置 Whether a reviewer may publish what he wrote (administrators)', response: { 200: KnowledgeSettingsSchema } }),
  setSettings: route({
    method: 'PUT',
    path: '/api/v1/knowledge/settings',
    tags: ['knowledge'],
    summary: '修改知识库设置 Allow or forbid self-review (四眼原则; administrators)',
    body: KnowledgeSettingsSchema,
    response: { 200: KnowledgeSettingsSchema },
  }),
  get: route({ method: 'GET', path: `${A}/:id`, tags: ['knowledge'], summary: '知识详情 One article', params: IdParams, response: { 200: ArticleSchema } }),
  create: route({ method: 'POST', path: A, tags: ['knowledge'], summary: '新建知识 Write an article (a draft)', body: ArticleBody, response: { 201: ArticleSchema } }),
  update: route({
    method: 'PUT',
    path: `${A}/:id`,
    tags: ['knowledge'],
    summary: '修改知识 Save a new version (back to draft; a published version stays offered until the new one is published)',
    params: IdParams,
    body: ArticleBody,
    response: { 200: ArticleSchema },
  }),
  submit: route({ method: 'POST', path: `${A}/:id/submit`, tags: ['knowledge'], summary: '提交审核 Submit a draft for review', params: IdParams, body: ReviewNoteBody, response: { 200: ArticleSchema } }),
  publish: route({ method: 'POST', path: `${A}/:id/publish`, tags: ['knowledge'], summary: '审核通过 Publish a pending article (reviewers)', params: IdParams, body: ReviewNoteBody, response: { 200: ArticleSchema } }),
  reject: route({ method: 'POST', path: `${A}/:id/reject`, tags: ['knowledge'], summary: '审核退回 Reject a pending article with a reason (reviewers)', params: IdParams, body: RejectBody, response: { 200: ArticleSchema } }),
  withdraw: route({ method: 'POST', path: `${A}/:id/withdraw`, tags: ['knowledge'], summary: '下架 Stop offering an article (reviewers)', params: IdParams, body: ReviewNoteBody, response: { 200: ArticleSchema } }),
  versions: route({ method: 'GET', path: `${A}/:id/versions`, tags: ['knowledge'], summary: '版本记录 Every version: who changed what', params: IdParams, response: { 200: Type.Array(ArticleVersionSchema) } }),
  synonyms: route({ method: 'GET', path: '/api/v1/knowledge/synonyms', tags: ['knowledge'], summary: '同义词 The synonyms search uses', response: { 200: Type.Array(SynonymSchema) } }),
  addSynonym: route({ method: 'POST', path: '/api/v1/knowledge/synonyms', tags: ['knowledge'], summary: '添加同义词 Add a pair (administrators)', body: SynonymBody, response: { 201: SynonymSchema } }),
  deleteSynonym: route({ method: 'DELETE', path: '/api/v1/knowledge/synonyms/:id', tags: ['knowledge'], summary: '删除同义词 Remove a pair (administrators)', params: IdParams, response: { 200: Ok } }),
};
