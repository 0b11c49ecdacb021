/**
 * Multinomial logistic regression (softmax) over the same text features as naive Bayes, trained by stochastic
 * gradient descent with L2 weight decay, in plain TypeScript: the second classic baseline of smart dispatch
 * (docs/smart-dispatch.md, measured by bench:dispatch beside naive Bayes).
 *
 * A text is its distinct features, each worth 1/√n (the vector has length 1, so long and short texts step alike).
 * There is no bias term, that is no class prior: learned from the dispatches it made the units that get most orders
 * first for any long text (bench:dispatch: top-1 from 70 % to 14 % after 1,000 catalogue-routed dispatches), as an
 * untempered prior does in naive Bayes.
 * An example carries a weight: a positive one is a step down the cross-entropy of its class; a negative one (a
 * return, 退单) a step down −log(1 − p(class)): the class is made less likely for such texts, the others untouched
 * in proportion. Decay is applied to the weights of the features an example has (lazy L2, as sparse SGD does).
 * A class first seen in a later example is added then; its weights start at zero.
 */
import { mulberry32 } from '../shared/mulberry32.ts';

export interface LrModel {
  classes: string[];
  /** feature → its weight for each class (shorter than `classes` when classes were added later: the rest are 0). */
  weights: Record<string, number[]>;
  rate: number;
  l2: number;
  /** Steps taken: the rate decays as rate / (1 + steps · DECAY). */
  steps: number;
}

export interface LrExample {
  label: string;
  features: readonly string[];
  weight: number;
}

export interface LrOptions {
  epochs: number;
  rate: number;
  l2: number;
  seed: number;
}

/** Measured (bench:dispatch): 12 passes at rate 1 with L2 1e-3; every setting tried was within a few points. */
export const LR_DEFAULTS: LrOptions = { epochs: 12, rate: 1, l2: 1e-3, seed: 1 };
const DECAY = 1e-5;

export function emptyLr(opts: Pick<LrOptions, 'rate' | 'l2'> = LR_DEFAULTS): LrModel {
  return { classes: [], weights: {}, rate: opts.rate, l2: opts.l2, steps: 0 };
}

function scores(m: LrModel, features: readonly string[], x: number): number[] {
  const s = new Array<number>(m.classes.length).fill(0);
  for (const f of features) {
    const w = m.weights[f];
    if (!w) continue;
    for (let k = 0; k < w.length; k++) s[k]! += w[k]! * x;
  }
  return s;
}

function softmax(s: readonly number[]): number[] {
  const top = Math.max(...s);
  const e = s.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

const distinct = (features: readonly string[]) => [...new Set(features)];

/** One SGD step on one example. */
export function learnLr(m: LrModel, label: string, features: readonly string[], weight = 1): void {
  let y = m.classes.indexOf(label);
  if (y < 0) {
    if (weight <= 0) return; // nothing to take away from a class never seen
    y = m.classes.push(label) - 1;
  }
  const fs = distinct(features);
  if (fs.length === 0 || weight === 0) return;
  const x = 1 / Math.sqrt(fs.length);
  const p = softmax(scores(m, fs, x));
  const K = m.classes.length;
  // g[k]: the loss's gradient with respect to class k's score.
  const g = new Array<number>(K);
  if (weight > 0) for (let k = 0; k < K; k++) g[k] = weight * (p[k]! - (k === y ? 1 : 0));
  else {
    const py = p[y]!;
    const c = (-weight * py) / Math.max(1e-6, 1 - py);
    for (let k = 0; k < K; k++) g[k] = c * ((k === y ? 1 : 0) - p[k]!);
  }
  const rate = m.rate / (1 + m.steps * DECAY);
  m.steps++;
  const keep = 1 - rate * m.l2;
  for (const f of fs) {
    let w = m.weights[f];
    if (!w) w = m.weights[f] = [];
    while (w.length < K) w.push(0);
    for (let k = 0; k < K; k++) w[k] = w[k]! * keep - rate * g[k]! * x;
  }
}

/**
 * Trains from scratch: `epochs` passes over the examples, each in a fresh seeded order. `onProgress` (0…1) is
 * called every `every` steps and after each pass; the caller may yield to the event loop there.
 */
export async function trainLr(
  examples: readonly LrExample[],
  opts: LrOptions = LR_DEFAULTS,
  onProgress?: (share: number) => Promise<void> | void,
  every = 500,
): Promise<LrModel> {
  const m = emptyLr(opts);
  // Every class first, in the examples' order, so a model's classes do not depend on the shuffle.
  for (const e of examples) {
    if (e.weight > 0 && !m.classes.includes(e.label)) m.classes.push(e.label);
  }
  const rnd = mulberry32(opts.seed);
  const order = examples.map((_, i) => i);
  for (let pass = 0; pass < opts.epochs; pass++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let n = 0; n < order.length; n++) {
      const e = examples[order[n]!]!;
      learnLr(m, e.label, e.features, e.weight);
      if (onProgress && (n + 1) % every === 0) await onProgress((pass + (n + 1) / order.length) / opts.epochs);
    }
    if (onProgress) await onProgress((pass + 1) / opts.epochs);
  }
  return m;
}

/** The classes ranked for a text's features, with their softmax probabilities. */
export function rankLr(m: LrModel, features: readonly string[], limit = 5): { label: string; confidence: number }[] {
  if (m.classes.length === 0) return [];
  // Only the features the model knows count toward the length: a long message's words never seen in training
  // would otherwise shrink every score toward an even spread.
  const fs = distinct(features).filter((f) => f in m.weights);
  const p = softmax(scores(m, fs, 1 / Math.sqrt(Math.max(1, fs.length))));
  return m.classes
    .map((label, k) => ({ label, confidence: p[k]! }))
    .sort((a, b) => b.confidence - a.confidence || (a.label < b.label ? -1 : 1))
    .slice(0, limit);
}

/** The features of a text that weigh most for a class against the others: its weight above their mean. */
export function lrReasons(m: LrModel, features: readonly string[], label: string, limit = 12): string[] {
  const k = m.classes.indexOf(label);
  if (k < 0) return [];
  const K = m.classes.length;
  return distinct(features)
    .map((f) => {
      const w = m.weights[f];
      if (!w) return { f, v: 0 };
      let sum = 0;
      for (const x of w) sum += x;
      const own = w[k] ?? 0;
      return { f, v: own - (sum - own) / Math.max(1, K - 1) };
    })
    .filter((x) => x.v > 0)
    .sort((a, b) => b.v - a.v || (a.f < b.f ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.f);
}

/** Weights rounded to 1e-4 and features that weigh nothing dropped: the model kept as JSON stays small. */
export function compactLr(m: LrModel): LrModel {
  const weights: Record<string, number[]> = {};
  for (const [f, w] of Object.entries(m.weights)) {
    const r = w.map((x) => Math.round(x * 1e4) / 1e4);
    if (r.some((x) => x !== 0)) weights[f] = r;
  }
  return { ...m, weights };
}
