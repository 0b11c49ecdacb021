import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listCategories, listChannels, listConditions, listNatures } from '@liandong/core/catalogue/catalogue.repository.ts';
import { requireActor } from '../http/auth.ts';
import type { Platform } from '../platform.ts';
import { errorResponses } from './schemas.ts';

const CategoryQuery = Type.Object({
  kind: Type.Optional(Type.Union([Type.Literal('event'), Type.Literal('component')])),
  parentCode: Type.Optional(Type.String({ maxLength: 20 })),
  q: Type.Optional(Type.String({ maxLength: 50, description: 'name search' })),
});

export function catalogueRoutes(app: FastifyInstance, p: Platform): void {
  app.get<{ Querystring: Static<typeof CategoryQuery> }>(
    '/api/v1/catalogue/categories',
    { schema: { tags: ['catalogue'], summary: '事件部件分类 Categories of the catalogue', querystring: CategoryQuery, response: errorResponses } },
    async (req) => {
      requireActor(req);
      return listCategories(p.db, req.query);
    },
  );
  app.get<{ Params: { code: string } }>(
    '/api/v1/catalogue/categories/:code/conditions',
    {
      schema: {
        tags: ['catalogue'],
        summary: '立案条件 Case-opening conditions, limits and responsible units of a category',
        params: Type.Object({ code: Type.String({ maxLength: 20 }) }),
        response: errorResponses,
      },
    },
    async (req) => {
      requireActor(req);
      return listConditions(p.db, req.params.code);
    },
  );
  app.get('/api/v1/catalogue/natures', { schema: { tags: ['catalogue'], summary: '诉求类型 Request natures', response: errorResponses } }, async (req) => {
    requireActor(req);
    return listNatures(p.db);
  });
  app.get('/api/v1/catalogue/channels', { schema: { tags: ['catalogue'], summary: '来源渠道 Channels', response: errorResponses } }, async (req) => {
    requireActor(req);
    return listChannels(p.db);
  });
  app.get('/api/v1/order-states', { schema: { tags: ['catalogue'], summary: '工单状态 Order states with their labels', response: errorResponses } }, async (req) => {
    requireActor(req);
    return (await p.db.query('select code, type, label_zh as "labelZh", label_en as "labelEn" from order_states order by sort')).rows;
  });
  app.get('/api/v1/units', { schema: { tags: ['organisation'], summary: '单位 Units: centres, sub-centres, departments, stations', response: errorResponses } }, async (req) => {
    requireActor(req);
    return (
      await p.db.query(
        `select id, code, name, name_en as "nameEn", kind, level, parent_id as "parentId", division_code as "divisionCode"
           from units where active order by id`,
      )
    ).rows;
  });
}
