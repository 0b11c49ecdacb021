import type { FastifyInstance } from 'fastify';
import { ARTICLE_IMPORT_MAX_BYTES, knowledgeRoutes as routes, XLSX_TYPE } from '@liandong/contracts';
import {
  addSynonym,
  articleVersions,
  createArticle,
  deleteSynonym,
  exportArticlesCsv,
  exportArticlesXlsx,
  getArticle,
  importArticles,
  knowledgeSettings,
  listArticles,
  listSynonyms,
  proposeFromOrder,
  publishArticle,
  rejectArticle,
  searchArticles,
  setKnowledgeSettings,
  submitArticle,
  updateArticle,
  withdrawArticle,
} from '@liandong/core/knowledge/index.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import { requestLang } from '../http/lang.ts';
import type { Platform } from '../platform.ts';

/** 知识库: articles written, reviewed and searched (docs/knowledge-base.md). */
export function knowledgeRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.search, async (req) => searchArticles(p.db, requireActor(req), req.query, p.clock()));
  contractRoute(app, routes.list, async (req) => listArticles(p.db, requireActor(req), req.query, p.clock(), requestLang(req)));
  contractRoute(app, routes.export, async (req, reply) => {
    const actor = requireActor(req);
    const day = p.clock().toISOString().slice(0, 10).replace(/-/g, '');
    const xlsx = req.query.format === 'xlsx';
    const file = xlsx ? await exportArticlesXlsx(p.db, actor, p.clock()) : await exportArticlesCsv(p.db, actor, p.clock());
    const ext = xlsx ? 'xlsx' : 'csv';
    return reply
      .type(xlsx ? XLSX_TYPE : 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="knowledge-${day}.${ext}"; filename*=UTF-8''${encodeURIComponent(`知识库-${day}.${ext}`)}`)
      .header('Cache-Control', 'private, no-store')
      .send(file);
  });
  app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ARTICLE_IMPORT_MAX_BYTES }, (_req, body, done) => done(null, body));
    contractRoute(scope, routes.import, async (req) => importArticles(p.db, requireActor(req), req.body, p.clock()), { bodyLimit: ARTICLE_IMPORT_MAX_BYTES });
  });
  contractRoute(app, routes.settings, async (req) => knowledgeSettings(p.db, requireActor(req)));
  contractRoute(app, routes.setSettings, async (req) => setKnowledgeSettings(p.db, requireActor(req), req.body));
  contractRoute(app, routes.get, async (req) => getArticle(p.db, requireActor(req), req.params.id, p.clock()));
  contractRoute(app, routes.create, async (req, reply) => {
    const a = await createArticle(p.db, requireActor(req), req.body, p.clock());
    reply.status(201);
    return a;
  });
  contractRoute(app, routes.propose, async (req, reply) => {
    const a = await proposeFromOrder(p.db, requireActor(req), req.body.orderId, p.clock());
    reply.status(201);
    return a;
  });
  contractRoute(app, routes.update, async (req) => updateArticle(p.db, requireActor(req), req.params.id, req.body, p.clock()));
  contractRoute(app, routes.submit, async (req) => submitArticle(p.db, requireActor(req), req.params.id, req.body.note, p.clock()));
  contractRoute(app, routes.publish, async (req) => publishArticle(p.db, requireActor(req), req.params.id, req.body.note, p.clock()));
  contractRoute(app, routes.reject, async (req) => rejectArticle(p.db, requireActor(req), req.params.id, req.body.reason, p.clock()));
  contractRoute(app, routes.withdraw, async (req) => withdrawArticle(p.db, requireActor(req), req.params.id, p.clock()));
  contractRoute(app, routes.versions, async (req) => articleVersions(p.db, requireActor(req), req.params.id, p.clock()));
  contractRoute(app, routes.synonyms, async (req) => listSynonyms(p.db, requireActor(req)));
  contractRoute(app, routes.addSynonym, async (req, reply) => {
    const s = await addSynonym(p.db, requireActor(req), req.body);
    reply.status(201);
    return s;
  });
  contractRoute(app, routes.deleteSynonym, async (req) => deleteSynonym(p.db, requireActor(req), req.params.id));
}
