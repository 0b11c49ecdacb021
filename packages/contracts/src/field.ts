/**
 * The field app's read models (联动巡查): what a grid worker's phone keeps for working without signal — the
 * catalogue's minor classes with their pinyin initials (searched on the phone) and how often each was reported in
 * his grid lately (the grid's common ones first).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Obj } from './common.ts';
import { route } from './route.ts';
import { CATEGORY_KINDS } from './catalogue.ts';
import { literals } from './vocabulary.ts';

export const FieldCategoryQuery = Obj({
  gridCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'count the reports of this grid (one of yours); default: all your grids' })),
});

export const FieldCategorySchema = Obj({
  code: Type.String(),
  kind: literals(CATEGORY_KINDS),
  parentCode: Nullable(Type.String()),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  initials: Type.String({ description: 'pinyin initials of the name (拼音首字母), lower case: jg → 井盖' }),
  recent: Type.Integer({ description: 'orders of this class in the grid in the last 90 days' }),
});
export type FieldCategory = Static<typeof FieldCategorySchema>;

export const fieldRoutes = {
  fieldCategories: route({
    method: 'GET',
    path: '/api/v1/field/categories',
    tags: ['field'],
    summary: '常用分类 The minor classes in use, with pinyin initials and how often each was reported in your grid lately (grid workers)',
    querystring: FieldCategoryQuery,
    response: { 200: Type.Array(FieldCategorySchema) },
  }),
};
