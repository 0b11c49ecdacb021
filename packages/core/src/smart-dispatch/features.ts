/**
 * What the classifier sees of a text: its words (core/shared/text/segment.ts, precise mode) and its character pairs
 * (prefixed '#', so a pair and a word of the same letters stay two features). Words are what a dispatcher is shown
 * as the reasons; pairs catch words jieba cuts differently (物业费 / 物业 费) and one-character slips.
 */
import { charGrams, words } from '../shared/text/segment.ts';

export const GRAM = '#';

/**
 * The models keep features as keys of plain objects (stored as JSON): a word that is also a key every object has
 * (a message saying "constructor" or "__proto__") would read the object's own machinery as counts and weights —
 * NaN confidences for every text holding it. Such words are not features.
 */
const objectKey = (f: string) => f in Object.prototype;

export function textFeatures(text: string): string[] {
  const t = text.slice(0, 2000);
  return [...words(t).filter((w) => !objectKey(w)), ...charGrams(t, 2).map((g) => GRAM + g)];
}

/** The reasons a person reads: words only, never pairs. */
export function readableReasons(features: readonly string[], limit = 5): string[] {
  return features.filter((f) => !f.startsWith(GRAM) && f.length > 1).slice(0, limit);
}
