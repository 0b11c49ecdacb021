/**
 * What makes an earlier order a similar case (相似案件) of a new call: near the point, recent, and (when the
 * operator gave them) of the same category or with similar words. Pure: the query finds the candidates near the
 * point; these rules measure, filter and rank them.
 */

import { distanceM } from '../../territory/distance.rules.ts';

export { distanceM };

/** Letters and digits only, lower case: what the words are, not how they are punctuated. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function bigrams(text: string): Map<string, number> {
  const s = normalise(text);
  const grams = new Map<string, number>();
  if (s.length === 1) grams.set(s, 1);
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/**
 * How much two texts share, 0–1, from their character pairs: Chinese has no spaces between words, and two
 * characters side by side are most often a word or part of one (井盖, 小区, 门口). The mean of the Dice coefficient
 * (the share of both texts) and the overlap coefficient (the share of the shorter one), so that the few words an
 * operator has typed so far (井盖) find the long description that holds them.
 */
export function textSimilarity(a: string, b: string): number {
  const ga = bigrams(a);
  const gb = bigrams(b);
  let [na, nb, shared] = [0, 0, 0];
  for (const n of ga.values()) na += n;
  for (const [g, n] of gb) {
    nb += n;
    shared += Math.min(n, ga.get(g) ?? 0);
  }
  if (na === 0 || nb === 0) return 0;
  return ((2 * shared) / (na + nb) + shared / Math.min(na, nb)) / 2;
}

/** Below this, two texts share a word or two by chance (小区, 门口), not the matter. */
export const SIMILAR_TEXT = 0.2;

export interface CandidateFacts {
  distanceM: number;
  ageHours: number;
  sameCategory: boolean;
  /** Not the same class, but one of the same major class (同一大类: a broken cover and a missing one). */
  relatedCategory?: boolean;
  textSimilarity: number;
}

export interface Asked {
  radiusM: number;
  days: number;
  /** Whether the operator chose a category / typed words: only then must a candidate share them. */
  category: boolean;
  text: boolean;
}

/**
 * Whether a candidate in the circle and the period is a similar case: with neither category nor words to
 * compare, every one is (the operator sees what happened there lately); else it shares the category or the words.
 */
export function isSimilar(c: CandidateFacts, asked: Asked): boolean {
  if (c.distanceM > asked.radiusM || c.ageHours > asked.days * 24) return false;
  if (!asked.category && !asked.text) return true;
  return (asked.category && c.sameCategory) || (asked.text && c.textSimilarity >= SIMILAR_TEXT);
}

const WEIGHTS = { near: 0.35, text: 0.3, category: 0.2, recent: 0.15 } as const;

/**
 * The ranking, 0–1: nearness and similar words weigh most, then the category (half for one of the same major
 * class), then how recent — over the signals the asker gave, so that a citizen's words alone (no category) can
 * reach 1 as an operator's words and category can: one threshold means the same for every channel.
 */
export function similarityScore(c: CandidateFacts, asked: Asked): number {
  const near = 1 - Math.min(1, c.distanceM / asked.radiusM);
  const recent = 1 - Math.min(1, c.ageHours / (asked.days * 24));
  const category = c.sameCategory ? 1 : c.relatedCategory ? 0.5 : 0;
  const weight = WEIGHTS.near + WEIGHTS.recent + (asked.text ? WEIGHTS.text : 0) + (asked.category ? WEIGHTS.category : 0);
  const sum = WEIGHTS.near * near + WEIGHTS.recent * recent + (asked.text ? WEIGHTS.text * c.textSimilarity : 0) + (asked.category ? WEIGHTS.category * category : 0);
  return sum / weight;
}
