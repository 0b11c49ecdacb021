/**
 * The smart-dispatch model (智能分拨): classifiers over the same features — units (责任单位) ranked by a multinomial
 * logistic regression (chosen over naive Bayes by bench:dispatch; a model stored before it has none and ranks by its
 * naive Bayes), case-opening conditions (立案条件) by naive Bayes — and what each condition is (its category and its
 * lead unit). A suggestion is a unit from the first, with the best condition that unit leads from the second, so the
 * list never offers a condition whose unit contradicts it. Units the catalogue has no condition for yet (education,
 * social security: the taxonomy teaches them) come with no condition.
 */
import { learnLr, lrReasons, rankLr, type LrModel } from './logistic-regression.rules.ts';
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
  /** The units by logistic regression (train-model.ts); absent in a model trained before it. */
  unitsLr?: LrModel;
}

/** How units are ranked: naive Bayes, logistic regression, or the mean of their confidences (bench:dispatch compares them). */
export type UnitMethod = 'nb' | 'lr' | 'ensemble';
/** Chosen by bench:dispatch (docs/smart-dispatch.md): logistic regression, when the model has it. */
export const UNIT_METHOD: UnitMethod = 'lr';

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
  if (e.unitCode && m.unitsLr) learnLr(m.unitsLr, e.unitCode, features, w);
  if (e.conditionCode && m.conditionInfo[e.conditionCode]) learn(m.conditions, e.conditionCode, features, w, e.prior);
}

/** The `limit` best units for a text's features with their confidences and the features that weighed. */
export function rankUnits(m: DispatchModel, features: readonly string[], limit: number, method: UnitMethod = UNIT_METHOD): { label: string; confidence: number; reasons: string[] }[] {
  const lr = m.unitsLr;
  if (method === 'nb' || !lr) return rank(m.units, features, limit, 12);
  if (method === 'lr') return rankLr(lr, features, limit).map((u) => ({ ...u, reasons: lrReasons(lr, features, u.label) }));
  const nb = new Map(rank(m.units, features, Infinity, 0).map((u) => [u.label, u.confidence]));
  const both = new Map(rankLr(lr, features, Infinity).map((u) => [u.label, u.confidence / 2]));
  for (const [label, c] of nb) both.set(label, (both.get(label) ?? 0) + c / 2);
  return [...both]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([label, confidence]) => ({ label, confidence, reasons: lrReasons(lr, features, label) }));
}

/** The `limit` best units for a text, each with the condition it leads that fits the text best. */
export function suggest(m: DispatchModel, text: string, limit = 5, method: UnitMethod = UNIT_METHOD): ModelSuggestion[] {
  const features = textFeatures(text);
  const units = rankUnits(m, features, limit, method);
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
