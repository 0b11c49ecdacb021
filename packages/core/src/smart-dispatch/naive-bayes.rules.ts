/**
 * Multinomial naive Bayes over text features (分词 words and character pairs), small enough to train in Node and to
 * keep as JSON. A class is a label (a unit's code, a condition's code). Examples carry a weight: +1 a dispatch (or a
 * catalogue text), negative a return (退单): a negative example takes its words away from that class (never below
 * zero), so the class weighs less for such texts. Each example counts each of its features once (presence, not
 * frequency): long messages do not drown short catalogue texts.
 *
 * Scores are log P(class) + Σ log P(feature | class) over the known features of the text; the confidence is the
 * softmax of the scores divided by √(number of known features) — plain naive Bayes posteriors are near 0 or 1 for
 * any long text, which would make a confidence threshold meaningless.
 */
export interface NbClass {
  /** Dispatch examples learned (the prior counts these, not catalogue texts). */
  docs: number;
  /** Sum of the counts below. */
  total: number;
  counts: Record<string, number>;
}

export interface NbModel {
  alpha: number;
  classes: Record<string, NbClass>;
  /** Every feature ever seen, with its count over all classes. */
  vocabulary: Record<string, number>;
}

export interface Scored {
  label: string;
  score: number;
  confidence: number;
  /** The features that weighed most for this class against the others, strongest first. */
  reasons: string[];
}

export function emptyModel(alpha = 0.1): NbModel {
  return { alpha, classes: {}, vocabulary: {} };
}

function classOf(m: NbModel, label: string): NbClass {
  let c = m.classes[label];
  if (!c) {
    c = { docs: 0, total: 0, counts: {} };
    m.classes[label] = c;
  }
  return c;
}

/**
 * Learns one example. `prior`: whether it counts toward the class's prior (a dispatch does; a catalogue text does
 * not). A negative weight removes the features from the class, floored at zero.
 */
export function learn(m: NbModel, label: string, features: readonly string[], weight = 1, prior = true): void {
  const c = classOf(m, label);
  const seen = new Set(features);
  if (prior) c.docs = Math.max(0, c.docs + Math.sign(weight));
  // A long text counts no more than LENGTH_CAP features' worth in all: its words share the example's weight.
  weight = weight * Math.min(1, LENGTH_CAP / Math.max(1, seen.size));
  for (const f of seen) {
    const before = c.counts[f] ?? 0;
    const after = Math.max(0, before + weight);
    const delta = after - before;
    if (delta === 0) continue;
    if (after === 0) delete c.counts[f];
    else c.counts[f] = after;
    c.total += delta;
    const v = (m.vocabulary[f] ?? 0) + delta;
    if (v > 0) m.vocabulary[f] = v;
    else delete m.vocabulary[f];
  }
}

/** Measured (bench:dispatch): 80 keeps the day-one figures and stops long messages from pulling every text their way. */
export const LENGTH_CAP = 80;
/** The class prior (dispatches counted) is tempered: a unit that gets many orders is not right for every text. */
export const PRIOR_WEIGHT = 0.3;

/** Every class ranked for the features of a text (the `limit` best), with confidences that sum to 1 over all classes. */
export function rank(m: NbModel, features: readonly string[], limit = 5, reasonCount = 5, only?: (label: string) => boolean): Scored[] {
  const all = Object.keys(m.classes);
  const labels = only ? all.filter(only) : all;
  if (labels.length === 0) return [];
  const known = [...new Set(features)].filter((f) => f in m.vocabulary);
  const v = Math.max(1, Object.keys(m.vocabulary).length);
  const totalDocs = all.reduce((s, l) => s + m.classes[l]!.docs, 0);
  // logs[i][k] = log P(feature k | class i)
  const logs = labels.map((l) => {
    const c = m.classes[l]!;
    const denominator = Math.log(c.total + m.alpha * v);
    return known.map((f) => Math.log((c.counts[f] ?? 0) + m.alpha) - denominator);
  });
  const scores = labels.map((l, i) => {
    let s = PRIOR_WEIGHT * Math.log((m.classes[l]!.docs + 1) / (totalDocs + all.length));
    for (const x of logs[i]!) s += x;
    return s;
  });
  const t = Math.sqrt(Math.max(1, known.length));
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - top) / t));
  const sum = exps.reduce((a, b) => a + b, 0);
  const order = labels.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || (labels[a]! < labels[b]! ? -1 : 1));
  const featureSums = reasonCount > 0 ? known.map((_, k) => logs.reduce((s, row) => s + row[k]!, 0)) : [];
  return order.slice(0, limit).map((i) => {
    let reasons: string[] = [];
    if (reasonCount > 0) {
      // How much more likely the feature is under this class than under the others on average.
      const others = Math.max(1, labels.length - 1);
      reasons = known
        .map((f, k) => ({ f, w: logs[i]![k]! - (featureSums[k]! - logs[i]![k]!) / others }))
        .filter((x) => x.w > 0)
        .sort((a, b) => b.w - a.w || (a.f < b.f ? -1 : 1))
        .slice(0, reasonCount)
        .map((x) => x.f);
    }
    return { label: labels[i]!, score: scores[i]!, confidence: exps[i]! / sum, reasons };
  });
}
