import { Type, type Static } from '@sinclair/typebox';
import { CodeParams, IdRef, NamedRef, Nullable, Obj } from './common.ts';
import { route } from './route.ts';
import { literals, STATE_CODES, STATE_TYPES, TIME_UNITS, UNIT_KINDS, UNIT_LEVELS, type Labels } from './vocabulary.ts';

export const CATEGORY_KINDS = ['event', 'component'] as const; // 事件 / 部件
export const CATEGORY_LEVELS = ['major', 'minor'] as const; // 大类 / 小类
export const HANDLING_LEVELS = ['department', 'town', 'village', 'grid'] as const;
export const UNIT_ROLES = ['lead', 'co'] as const; // 主办 / 协办

export const CATEGORY_KIND_LABELS: Record<(typeof CATEGORY_KINDS)[number], Labels> = {
  event: { zh: '事件', en: 'Event' },
  component: { zh: '部件', en: 'Component' },
};
export const CATEGORY_LEVEL_LABELS: Record<(typeof CATEGORY_LEVELS)[number], Labels> = {
  major: { zh: '大类', en: 'Major class' },
  minor: { zh: '小类', en: 'Minor class' },
};
/** 处置层级: which level handles a condition's orders. */
export const HANDLING_LEVEL_LABELS: Record<(typeof HANDLING_LEVELS)[number], Labels> = {
  department: { zh: '职能部门', en: 'Department' },
  town: { zh: '镇（街道）', en: 'Town' },
  village: { zh: '村（社区）', en: 'Village' },
  grid: { zh: '网格', en: 'Grid' },
};
export const UNIT_ROLE_LABELS: Record<(typeof UNIT_ROLES)[number], Labels> = {
  lead: { zh: '主办', en: 'Lead' },
  co: { zh: '协办', en: 'Co-handler' },
};

export const CategoryQuery = Obj({
  kind: Type.Optional(literals(CATEGORY_KINDS)),
  parentCode: Type.Optional(Type.String({ maxLength: 20 })),
  q: Type.Optional(Type.String({ maxLength: 50, description: 'words of the Chinese or English name, a code prefix, or pinyin initials (jg → 井盖)' })),
});

export const CategorySchema = Obj({
  code: Type.String(),
  kind: literals(CATEGORY_KINDS),
  level: literals(CATEGORY_LEVELS),
  parentCode: Nullable(Type.String()),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  standardRef: Nullable(Type.String()),
  sort: Type.Integer(),
  active: Type.Boolean(),
});

/** A case-opening condition (立案条件) with its limits and closing standard. */
export const ConditionSchema = Obj({
  id: Type.Integer(),
  code: Type.String(),
  categoryCode: Type.String(),
  description: Type.String(),
  responseValue: Type.Number(),
  responseUnit: literals(TIME_UNITS),
  handleValue: Type.Number(),
  handleUnit: literals(TIME_UNITS),
  closingStandard: Type.String(),
  urgency: Type.String(),
  handlingLevel: literals(HANDLING_LEVELS),
  active: Type.Boolean(),
});

/**
 * A responsible unit of a condition (责任单位): the lead (主办) or a co-handler (协办); a fixed unit, territorial
 * (属地: the order's town sub-centre, or its village station when the sub-centre dispatches), or the owner (权属单位)
 * of the component the order names; for one area only when `area` is set (the most specific area wins), everywhere
 * otherwise. A rule that does not resolve for an order (no component, or one without an owner) gives way to the next.
 */
export const ConditionUnitSchema = Obj({
  role: literals(UNIT_ROLES),
  unit: IdRef,
  territorial: Type.Boolean(),
  componentOwner: Type.Boolean({ description: 'the owner (权属单位) of the component the order names' }),
  area: NamedRef,
});
export const ConditionWithUnitsSchema = Obj({ ...ConditionSchema.properties, units: Type.Array(ConditionUnitSchema) });
export type ConditionWithUnits = Static<typeof ConditionWithUnitsSchema>;

const coded = { code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), sort: Type.Integer(), active: Type.Boolean() };
export const NatureSchema = Obj(coded);
export const ChannelSchema = Obj({ ...coded, intakeLevel: literals(['district', 'town'] as const) });
export const OrderStateRowSchema = Obj({ code: literals(STATE_CODES), type: literals(STATE_TYPES), labelZh: Type.String(), labelEn: Type.String() });
export const UnitSchema = Obj({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  kind: literals(UNIT_KINDS),
  level: literals(UNIT_LEVELS),
  parentId: Nullable(Type.Integer()),
  divisionCode: Nullable(Type.String()),
});

export type CategoryView = Static<typeof CategorySchema>;
export type ConditionView = Static<typeof ConditionSchema>;
export type UnitView = Static<typeof UnitSchema>;
export type OrderStateRow = Static<typeof OrderStateRowSchema>;

export const catalogueRoutes = {
  listCategories: route({
    method: 'GET',
    path: '/api/v1/catalogue/categories',
    tags: ['catalogue'],
    summary: '事件部件分类 Categories of the catalogue',
    querystring: CategoryQuery,
    response: { 200: Type.Array(CategorySchema) },
  }),
  listConditions: route({
    method: 'GET',
    path: '/api/v1/catalogue/categories/:code/conditions',
    tags: ['catalogue'],
    summary: '立案条件 Case-opening conditions, limits and responsible units of a category',
    params: CodeParams(),
    response: { 200: Type.Array(ConditionWithUnitsSchema) },
  }),
  listNatures: route({ method: 'GET', path: '/api/v1/catalogue/natures', tags: ['catalogue'], summary: '诉求类型 Request natures', response: { 200: Type.Array(NatureSchema) } }),
  listChannels: route({ method: 'GET', path: '/api/v1/catalogue/channels', tags: ['catalogue'], summary: '来源渠道 Channels', response: { 200: Type.Array(ChannelSchema) } }),
  listOrderStates: route({
    method: 'GET',
    path: '/api/v1/order-states',
    tags: ['catalogue'],
    summary: '工单状态 Order states with their labels',
    response: { 200: Type.Array(OrderStateRowSchema) },
  }),
  listUnits: route({
    method: 'GET',
    path: '/api/v1/units',
    tags: ['organisation'],
    summary: '单位 Units: centres, sub-centres, departments, stations',
    response: { 200: Type.Array(UnitSchema) },
  }),
};
