/**
 * The catalogue editor (事件部件清单维护) in the console: categories (大类/小类) added, renamed, ordered and taken out
 * of use; case-opening conditions (立案条件) added and changed — limits, closing standard, urgency, handling level —
 * with their responsible-unit rules (责任单位: 主办/协办, fixed, 属地 or 权属单位, optionally per area); and the whole
 * catalogue as a CSV file, exported and imported. Orders dispatched afterwards follow the change; running clocks keep
 * their limits.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Obj } from './common.ts';
import { route } from './route.ts';
import { CATEGORY_KINDS, CATEGORY_LEVELS, CategorySchema, ConditionSchema, ConditionWithUnitsSchema, HANDLING_LEVELS, UNIT_ROLES } from './catalogue.ts';
import { CATALOGUE_CODE_PATTERN, literals, TIME_UNITS, URGENCIES } from './vocabulary.ts';

const Code = (description: string) => Type.String({ pattern: CATALOGUE_CODE_PATTERN, description });
const Name = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const Limit = (description: string) => Type.Number({ exclusiveMinimum: 0, maximum: 365, description });

/** A category as the administrator sees it: the ones out of use too, with how many conditions it has. */
export const CategoryAdminSchema = Obj({
  ...CategorySchema.properties,
  conditions: Type.Integer({ description: 'its case-opening conditions (a minor class), in use or not' }),
  activeConditions: Type.Integer(),
});
export type CategoryAdmin = Static<typeof CategoryAdminSchema>;

const categoryFields = {
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  standardRef: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'source, e.g. GB/T 47678.5-2026 C.1, or local' }))),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'order among its siblings (default: last)' })),
};

export const CategoryCreateBody = Type.Object(
  {
    code: Code('分类编码, unique across majors and minors of both kinds, e.g. 06010'),
    kind: literals(CATEGORY_KINDS),
    level: literals(CATEGORY_LEVELS),
    parentCode: Type.Optional(Nullable(Type.String({ maxLength: 32, description: 'a minor class: its major class (大类) of the same kind, in use' }))),
    name: Name('分类名称'),
    ...categoryFields,
  },
  { additionalProperties: false },
);
export type CategoryCreate = Static<typeof CategoryCreateBody>;

export const CategoryPatchBody = Type.Object(
  {
    name: Type.Optional(Name('分类名称')),
    active: Type.Optional(Type.Boolean({ description: 'false: out of use (no longer offered at intake); a major class only once its minors are' })),
    ...categoryFields,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CategoryPatch = Static<typeof CategoryPatchBody>;

/**
 * One responsible-unit rule: exactly one of a unit (`unitId`), the territorial sub-centre (`territorial`, 属地) or
 * the component's owner (`componentOwner`, 权属单位); for one area (`areaCode`, a division) or everywhere. Per area,
 * one lead — or the owner followed by the unit that leads when the component has none; everywhere, a lead is required.
 */
export const ConditionUnitBody = Type.Object(
  {
    role: literals(UNIT_ROLES),
    unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }))),
    territorial: Type.Optional(Type.Boolean()),
    componentOwner: Type.Optional(Type.Boolean()),
    areaCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{12}$', description: '12-digit division code' }))),
  },
  { additionalProperties: false },
);
export type ConditionUnitInput = Static<typeof ConditionUnitBody>;
const UnitRules = Type.Array(ConditionUnitBody, { minItems: 1, maxItems: 100, description: 'the whole rule set, in order (replaces the one before)' });

const conditionFields = {
  description: Type.String({ minLength: 1, maxLength: 500, description: '立案条件' }),
  responseValue: Limit('签收（响应）时限'),
  responseUnit: literals(TIME_UNITS),
  handleValue: Limit('办结（处置）时限'),
  handleUnit: literals(TIME_UNITS),
  closingStandard: Type.String({ minLength: 1, maxLength: 2000, description: '结案标准' }),
  urgency: literals(URGENCIES),
  handlingLevel: literals(HANDLING_LEVELS, { description: '处置层级: which level handles it (department, town, village, grid)' }),
};

export const ConditionCreateBody = Type.Object(
  {
    code: Type.Optional(Code('立案条件编码 (default: the category’s code with the next free -NN)')),
    ...conditionFields,
    urgency: Type.Optional(conditionFields.urgency),
    handlingLevel: Type.Optional(conditionFields.handlingLevel),
    units: UnitRules,
  },
  { additionalProperties: false },
);
export type ConditionCreate = Static<typeof ConditionCreateBody>;

export const ConditionPatchBody = Type.Partial(Type.Object({ ...conditionFields, active: Type.Boolean() }), { additionalProperties: false, minProperties: 1 });
export type ConditionPatch = Static<typeof ConditionPatchBody>;

export const ConditionUnitsBody = Type.Object({ units: UnitRules }, { additionalProperties: false });

export const CatalogueImportQuery = Obj({
  check: Type.Optional(Type.Boolean({ description: 'true: check every row and reference, write nothing' })),
});
export const CatalogueImportSchema = Obj({
  categories: Type.Integer({ description: 'categories written (or that would be)' }),
  conditions: Type.Integer({ description: 'case-opening conditions written (or that would be)' }),
  checked: Type.Boolean({ description: 'true: only checked, nothing written' }),
});

const CategoryParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) });
const ConditionParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const catalogueAdminRoutes = {
  listCategories: route({
    method: 'GET',
    path: '/api/v1/admin/catalogue/categories',
    tags: ['admin'],
    summary: '分类维护 Every category, those out of use too, with its number of conditions',
    response: { 200: Type.Array(CategoryAdminSchema) },
  }),
  createCategory: route({
    method: 'POST',
    path: '/api/v1/admin/catalogue/categories',
    tags: ['admin'],
    summary: '新增分类 Add a major class, or a minor class under a major class of the same kind',
    body: CategoryCreateBody,
    response: { 201: CategoryAdminSchema },
  }),
  updateCategory: route({
    method: 'PATCH',
    path: '/api/v1/admin/catalogue/categories/:code',
    tags: ['admin'],
    summary: '修改分类 Rename, reorder, or take a category out of use (or back)',
    params: CategoryParams,
    body: CategoryPatchBody,
    response: { 200: CategoryAdminSchema },
  }),
  createCondition: route({
    method: 'POST',
    path: '/api/v1/admin/catalogue/categories/:code/conditions',
    tags: ['admin'],
    summary: '新增立案条件 Add a case-opening condition to a minor class, with its limits and responsible units',
    params: CategoryParams,
    body: ConditionCreateBody,
    response: { 201: ConditionWithUnitsSchema },
  }),
  updateCondition: route({
    method: 'PATCH',
    path: '/api/v1/admin/catalogue/conditions/:id',
    tags: ['admin'],
    summary: '修改立案条件 Change a case-opening condition’s text, limits, closing standard, urgency, level or use; orders dispatched later follow it',
    params: ConditionParams,
    body: ConditionPatchBody,
    response: { 200: ConditionSchema },
  }),
  setConditionUnits: route({
    method: 'PUT',
    path: '/api/v1/admin/catalogue/conditions/:id/units',
    tags: ['admin'],
    summary: '设置责任单位 Replace a condition’s responsible-unit rules (主办/协办, per area); orders dispatched later follow them',
    params: ConditionParams,
    body: ConditionUnitsBody,
    response: { 200: ConditionWithUnitsSchema },
  }),
  exportCatalogue: route({
    method: 'GET',
    path: '/api/v1/admin/catalogue/export',
    tags: ['admin'],
    summary: '导出事件部件清单 The catalogue in use as CSV (UTF-8 with BOM), the import format: edit it in a spreadsheet and import it again',
    binary: true,
    contentType: 'text/csv',
    response: { 200: Type.String({ description: 'CSV' }) },
  }),
  importCatalogue: route({
    method: 'POST',
    path: '/api/v1/admin/catalogue/import',
    tags: ['admin'],
    summary: '导入事件部件清单 Check or import a catalogue CSV (text/csv): all or nothing; a bad row is a 422 naming its line and column',
    querystring: CatalogueImportQuery,
    body: Type.String({ description: 'the CSV file (text/csv, UTF-8)' }),
    response: { 200: CatalogueImportSchema },
  }),
};
