/**
 * The smart-dispatch model (智能分拨): two naive Bayes classifiers over the same features — one ranks units
 * (责任单位), one ranks case-opening conditions (立案条件) — and what each condition is (its category and its lead
 * unit). A suggestion is a unit from the first, with the best condition that unit leads from the second, so the
 * list never offers a condition whose unit contradicts it. Units the catalogue has no condition for yet (education,
 * social security: the taxonomy teaches them) come with no condition.
 */
import { emptyModel, learn, rank, type NbModel } from './naive-bayes.rules.ts';
import { readableReasons, textFeatures } from './features.ts';

export interface ConditionInfo {
  code: string;
  description: string;
  categoryCode: string;
  categoryName: string;
  /** The lead unit's code; null when the lead is territorial (属地) or the component's owner. */
  unitCode: string | null;
}

export interface DispatchModel {
  units: NbModel;
  conditions: NbModel;
  conditionInfo: Record<string, ConditionInfo>;
}

/** One thing to learn: a text and where it went (a unit, a condition or both). A negative weight: it went there wrongly. */
export interface TrainingExample {
  text: string;
  unitCode: string | null;
  conditionCode: string | null;
  weight: number;
  /** Counts toward the class prior: dispatches do, catalogue and taxonomy texts do not. */
  prior: boolean;
}

/** One dispatch weighs less than one catalogue text (measured: bench:dispatch); many dispatches outweigh it. */
export const DISPATCH_WEIGHT = 0.3;

export interface ModelSuggestion {
  unitCode: string;
  condition: ConditionInfo | null;
  confidence: number;
  reasons: string[];
}

export function emptyDispatchModel(conditionInfo: Record<string, ConditionInfo> = {}): DispatchModel {
  return { units: emptyModel(), conditions: emptyModel(), conditionInfo };
}

export function learnExample(m: DispatchModel, e: TrainingExample, features = textFeatures(e.text)): void {
  const w = e.prior ? e.weight * DISPATCH_WEIGHT : e.weight;
  if (e.unitCode) learn(m.units, e.unitCode, features, w, e.prior);
  if (e.conditionCode && m.conditionInfo[e.conditionCode]) learn(m.conditions, e.conditionCode, features, w, e.prior);
}

/** The `limit` best units for a text, each with the condition it leads that fits the text best. */
export function suggest(m: DispatchModel, text: string, limit = 5): ModelSuggestion[] {
  const features = textFeatures(text);
  const units = rank(m.units, features, limit, 12);
  if (units.length === 0) return [];
  const wanted = new Set(units.map((u) => u.label));
  const conditions = rank(m.conditions, features, Infinity, 0, (c) => wanted.has(m.conditionInfo[c]?.unitCode ?? ''));
  return units.map((u) => {
    const best = conditions.find((c) => m.conditionInfo[c.label]?.unitCode === u.label);
    return { unitCode: u.label, condition: best ? m.conditionInfo[best.label]! : null, confidence: u.confidence, reasons: readableReasons(u.reasons) };
  });
}

export interface TerritorialShare {
  /** The condition model's share on the territorial (属地) conditions: how likely the matter is the place's own. */
  share: number;
  /** The territorial condition that fits the text best, and the words that weighed for it among them. */
  condition: ConditionInfo;
  reasons: string[];
}

/** For a text, the condition model's share on the conditions `isTerritorial` names and the best of them (null: none). */
export function territorialShare(m: DispatchModel, text: string, isTerritorial: (conditionCode: string) => boolean): TerritorialShare | null {
  const features = textFeatures(text);
  const mine = (code: string) => isTerritorial(code) && code in m.conditionInfo;
  const share = rank(m.conditions, features, Infinity, 0)
    .filter((c) => mine(c.label))
    .reduce((s, c) => s + c.confidence, 0);
  const best = rank(m.conditions, features, 1, 12, mine)[0];
  if (!best) return null;
  return { share, condition: m.conditionInfo[best.label]!, reasons: readableReasons(best.reasons) };
}
