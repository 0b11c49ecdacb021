/**
 * The catalogue (事件部件清单) as the rest of the code sees it: categories (大类/小类), their case-opening
 * conditions (立案条件) and the responsible-unit rules of each condition (主办/协办, optionally per area 属地).
 */
export type CategoryKind = 'event' | 'component'; // 事件(管理事项) / 部件(管理部件)
export type CategoryLevel = 'major' | 'minor'; // 大类 / 小类
export type TimeUnit = 'urgent_hours' | 'working_hours' | 'working_days' | 'natural_days';
export type HandlingLevel = 'department' | 'town' | 'village' | 'grid';
export type UnitRole = 'lead' | 'co'; // 主办 / 协办
/** Urgency codes are rows of `urgencies` (normal 一般, urgent 紧急, critical 特急 out of the box). */
export type UrgencyCode = string;

export const TIME_UNITS: readonly TimeUnit[] = ['urgent_hours', 'working_hours', 'working_days', 'natural_days'];
export const HANDLING_LEVELS: readonly HandlingLevel[] = ['department', 'town', 'village', 'grid'];

export interface Category {
  code: string;
  kind: CategoryKind;
  level: CategoryLevel;
  parentCode: string | null;
  name: string;
  nameEn: string | null;
  standardRef: string | null;
  sort: number;
  active: boolean;
}

export interface Condition {
  id: number;
  code: string;
  categoryCode: string;
  description: string; // 立案条件
  responseValue: number; // 签收时限
  responseUnit: TimeUnit;
  handleValue: number; // 办结时限
  handleUnit: TimeUnit;
  closingStandard: string; // 结案标准
  urgency: UrgencyCode;
  handlingLevel: HandlingLevel;
  active: boolean;
}

/**
 * One responsible-unit rule: a fixed unit, the territorial (属地) sub-centre of the order's town, or the owner
 * (权属单位) of the component the order names (a rule that does not resolve gives way to the next one).
 */
export interface ConditionUnit {
  id: number;
  conditionId: number;
  role: UnitRole;
  unitId: number | null;
  territorial: boolean;
  componentOwner: boolean;
  /** 12-digit division code: the rule applies only to orders in this town/village/district. */
  areaCode: string | null;
}

export interface Nature {
  code: string;
  nameZh: string;
  nameEn: string;
  sort: number;
  active: boolean;
}

export interface Channel extends Nature {
  intakeLevel: 'district' | 'town';
}

// ── Write-side rows, keyed by codes so that a catalogue can be built before unit ids exist ──

export interface CategoryInput {
  code: string;
  kind: CategoryKind;
  level: CategoryLevel;
  parentCode: string | null;
  name: string;
  nameEn: string | null;
  standardRef: string | null;
  sort: number;
  active?: boolean;
}

export interface ConditionInput {
  code: string;
  categoryCode: string;
  description: string;
  responseValue: number;
  responseUnit: TimeUnit;
  handleValue: number;
  handleUnit: TimeUnit;
  closingStandard: string;
  urgency: UrgencyCode;
  handlingLevel: HandlingLevel;
  active?: boolean;
}

export interface ConditionUnitInput {
  conditionCode: string;
  role: UnitRole;
  /** A unit's code (units.code); null when territorial or the component's owner. */
  unitCode: string | null;
  territorial: boolean;
  componentOwner: boolean;
  areaCode: string | null;
}

/** A whole catalogue (or a part of one) ready to be written. */
export interface CataloguePlan {
  categories: CategoryInput[];
  conditions: ConditionInput[];
  conditionUnits: ConditionUnitInput[];
}
