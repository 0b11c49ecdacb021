/**
 * 紧急程度: an order's urgency is the higher of the one stated at intake (the caller, the operator) and its
 * condition's, so classifying an order again never makes a stated emergency ordinary. Codes a deployment added
 * (rows of `urgencies`) rank below `urgent`.
 */
import { URGENCIES } from '@liandong/contracts';

const rank = (u: string | null | undefined): number => (u ? URGENCIES.indexOf(u as never) : -1);

export function orderUrgency(conditionUrgency: string | null | undefined, reported: string | null | undefined): string {
  const [c, r] = [conditionUrgency ?? 'normal', reported ?? null];
  return r !== null && rank(r) > rank(c) ? r : c;
}
