/**
 * Where the order is, weighed into the suggestions (docs/smart-dispatch.md, "Where it happened"). Pure: the caller
 * resolves the point, routes the territorial condition with the live routing (orders/routing.ts) and says which
 * units serve the place.
 *
 * 1. A territorial (属地) matter: the condition model's share on the territorial conditions is taken as the chance
 *    that the matter is the place's own. It is offered as one suggestion — the unit the live routing sends the best
 *    territorial condition to at that place (the town's sub-centre; from the sub-centre itself, the village's
 *    station) with that condition — and every other unit's confidence is scaled by what is left (1 − share), so
 *    the confidences still share at most 1.
 * 2. A unit that serves one division only (a sub-centre its town, a station its village; the model learns them from
 *    dispatches there) is never offered for a point outside it. Its share goes to the territorial suggestion: the
 *    dispatches taught that such words are a place's matter, the point says which place.
 */
import type { ConditionInfo } from './dispatch-model.rules.ts';

export interface UnitCandidate {
  unitId: number;
  confidence: number;
  condition: ConditionInfo | null;
  reasons: string[];
  /** False: the unit serves another town or village than the point's. */
  servesPlace: boolean;
}

export interface TerritorialCandidate {
  /** The unit the live routing resolves the condition to at the place. */
  unitId: number;
  share: number;
  condition: ConditionInfo;
  reasons: string[];
}

export interface PlacedSuggestion {
  unitId: number;
  confidence: number;
  condition: ConditionInfo | null;
  reasons: string[];
  territorial: boolean;
}

const REASONS = 5;

export function placeSuggestions(units: readonly UnitCandidate[], territorial: TerritorialCandidate | null): PlacedSuggestion[] {
  const kept = units.filter((u) => u.servesPlace);
  if (!territorial) return kept.map((u) => ({ unitId: u.unitId, confidence: u.confidence, condition: u.condition, reasons: u.reasons, territorial: false }));
  const rest = 1 - territorial.share;
  const elsewhere = units.filter((u) => !u.servesPlace).reduce((s, u) => s + u.confidence, 0);
  const same = kept.find((u) => u.unitId === territorial.unitId);
  const placed: PlacedSuggestion = {
    unitId: territorial.unitId,
    confidence: territorial.share + rest * (elsewhere + (same?.confidence ?? 0)),
    condition: territorial.condition,
    reasons: [...new Set([...territorial.reasons, ...(same?.reasons ?? [])])].slice(0, REASONS),
    territorial: true,
  };
  const others = kept
    .filter((u) => u !== same)
    .map((u) => ({ unitId: u.unitId, confidence: u.confidence * rest, condition: u.condition, reasons: u.reasons, territorial: false }));
  return [placed, ...others].sort((a, b) => b.confidence - a.confidence);
}
