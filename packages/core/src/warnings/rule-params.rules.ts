/**
 * A warning rule's thresholds (预警规则参数): which fields each kind of rule takes, their defaults (also seeded by
 * migration 0038), and the check an administrator's change must pass — a field of another kind of rule is refused
 * naming it (`params.radiusMetres`), so a typo never silently does nothing.
 */
import type { RuleParams, Step, WarningKind } from '@liandong/contracts';
import { invalidField } from '../shared/errors.ts';

export interface SpikeParams {
  windowHours: number;
  baselineDays: number;
  alpha: number;
  minCount: number;
  levels: ('town' | 'village')[];
  cooldownHours: number;
}
export interface RepeatCallerParams {
  days: number;
  minCalls: number;
  cooldownHours: number;
}
export interface RepeatPlaceParams {
  days: number;
  radiusMetres: number;
  minOrders: number;
  sameCategory: boolean;
  cooldownHours: number;
}
export interface AtRiskParams {
  remainingShare: number;
  steps: Step[];
}
export interface BacklogParams {
  compareDays: number;
  minOpen: number;
  growthRatio: number;
  minGrowth: number;
  cooldownHours: number;
}
export interface ParamsOf {
  spike: SpikeParams;
  repeat_caller: RepeatCallerParams;
  repeat_place: RepeatPlaceParams;
  at_risk: AtRiskParams;
  backlog: BacklogParams;
}

export const DEFAULT_PARAMS: { [K in WarningKind]: ParamsOf[K] } = {
  spike: { windowHours: 24, baselineDays: 28, alpha: 0.001, minCount: 5, levels: ['village', 'town'], cooldownHours: 24 },
  repeat_caller: { days: 7, minCalls: 5, cooldownHours: 72 },
  repeat_place: { days: 7, radiusMetres: 50, minOrders: 3, sameCategory: true, cooldownHours: 72 },
  at_risk: { remainingShare: 0.2, steps: ['sign', 'handle'] },
  backlog: { compareDays: 7, minOpen: 10, growthRatio: 1.5, minGrowth: 10, cooldownHours: 24 },
};

/** The stored params over the defaults (a field missing from the row takes its default). */
export function paramsOf<K extends WarningKind>(kind: K, stored: unknown): ParamsOf[K] {
  const s = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const d = DEFAULT_PARAMS[kind] as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.keys(d).map((k) => [k, s[k] ?? d[k]])) as unknown as ParamsOf[K];
}

/**
 * An update of a rule's params merged over what it has; throws 400 naming `params.<field>` for a field the kind
 * does not take (the contract has already checked each value's type and range).
 */
export function mergeParams<K extends WarningKind>(kind: K, current: ParamsOf[K], change: RuleParams): ParamsOf[K] {
  const known = Object.keys(DEFAULT_PARAMS[kind]);
  for (const [field, value] of Object.entries(change)) {
    if (value === undefined) continue;
    if (!known.includes(field)) {
      throw invalidField(`params.${field}`, `规则类型 ${kind} 没有此参数（可用：${known.join('、')}）`, `a ${kind} rule has no such threshold (it takes ${known.join(', ')})`);
    }
  }
  return { ...current, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
}
