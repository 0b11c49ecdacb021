/**
 * npm run bench:dispatch — how well smart dispatch (智能分拨, core/smart-dispatch) suggests the unit of a real citizen
 * message, and how long a suggestion takes.
 *
 * The development set: data/tipdm2020_dispatch_dev.csv, 140 real messages (2020 TipDM "智慧政务") with their
 * first-level class; a suggestion is right when its unit is one of the Wujiang units that answer the class
 * (core/smart-dispatch/data/tipdm2020_class_to_units.csv). Never learned from.
 *
 * Measured: top-1 and top-3 accuracy (distinct units) of
 *   baseline   word overlap: the unit whose catalogue and taxonomy words share most words with the message (no model);
 *   day one    the model trained from the demo catalogue, the units' names and the taxonomy alone;
 *   learned    the same after 1,000 demo dispatches (dispatch-demo-set.ts: real messages labelled by their reply,
 *              and the demo history's words for the catalogue's matters) — and after 100 of them are returned;
 * each with the units ranked by naive Bayes, by logistic regression and by the mean of both (the training job trains
 * both; dispatch-model.rules.ts UNIT_METHOD says which suggestions use); the time per suggestion (median and p95 over
 * the dev set, 5 rounds) beside the segmentation alone (the floor); training time from scratch, on day one and with
 * 20,000 dispatches (the background job's budget); and the model's size as the JSON stored.
 * Runs in memory: the model the server keeps is the same object, read from `dispatch_models`.
 */
import { readFileSync } from 'node:fs';
import { parseCsvTable } from '@liandong/core/shared/csv.ts';
import { buildDemoCatalogue } from '@liandong/core/demo/catalogue/build-demo-catalogue.ts';
import { DEPARTMENTS } from '@liandong/core/demo/org-data.ts';
import { words } from '@liandong/core/shared/text/segment.ts';
import { textFeatures } from '@liandong/core/smart-dispatch/features.ts';
import { learnExample, suggest, UNIT_METHOD, type DispatchModel, type TrainingExample, type UnitMethod } from '@liandong/core/smart-dispatch/dispatch-model.rules.ts';
import { catalogueTextsOfPlan, trainModel } from '@liandong/core/smart-dispatch/train-model.ts';
import { catalogueExamples, readTaxonomy, taxonomyExamples } from '@liandong/core/smart-dispatch/training-set.ts';
import { demoDispatches } from './dispatch-demo-set.ts';

const dev = parseCsvTable(readFileSync(new URL('./data/tipdm2020_dispatch_dev.csv', import.meta.url), 'utf8')).rows.map(({ values: v }) => ({
  text: `${v['留言主题']} ${v['留言详情']}`,
  cls: v['一级分类']!,
}));
const taxonomy = readTaxonomy();
const conditions = catalogueTextsOfPlan(buildDemoCatalogue());
const units = DEPARTMENTS.map((d) => ({ code: d.code, name: d.name }));

type Ranker = (text: string) => string[];

function accuracy(ranker: Ranker): { top1: number; top3: number } {
  let top1 = 0;
  let top3 = 0;
  for (const m of dev) {
    const right = new Set(taxonomy.units.get(m.cls) ?? []);
    const list = ranker(m.text);
    if (list[0] && right.has(list[0])) top1++;
    if (list.slice(0, 3).some((u) => right.has(u))) top3++;
  }
  return { top1: top1 / dev.length, top3: top3 / dev.length };
}

function timing(fn: (text: string) => unknown, rounds = 5): { median: number; p95: number } {
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const m of dev) {
      const t0 = performance.now();
      fn(m.text);
      ms.push(performance.now() - t0);
    }
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
}

/** The baseline: shared words with each unit's day-one texts, most first. */
function overlapRanker(): Ranker {
  const bags = new Map<string, Set<string>>();
  const known = new Set(units.map((u) => u.code));
  for (const e of [...catalogueExamples(conditions, units), ...taxonomyExamples(taxonomy, known)]) {
    if (!e.unitCode) continue;
    const bag = bags.get(e.unitCode) ?? new Set<string>();
    for (const w of words(e.text)) if (w.length > 1) bag.add(w);
    bags.set(e.unitCode, bag);
  }
  return (text) => {
    const ws = new Set(words(text));
    return [...bags]
      .map(([u, bag]) => ({ u, n: [...ws].filter((w) => bag.has(w)).length }))
      .sort((a, b) => b.n - a.n || (a.u < b.u ? -1 : 1))
      .map((x) => x.u);
  };
}

const modelRanker = (m: DispatchModel, method: UnitMethod): Ranker => (text) => suggest(m, text, 5, method).map((s) => s.unitCode);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const METHODS: UnitMethod[] = ['nb', 'lr', 'ensemble'];
const rows: { name: string; scores: Record<UnitMethod, { top1: number; top3: number }> }[] = [];

const devTexts = new Set(dev.map((d) => d.text.split(' ').slice(1).join(' ')));
const baseline = accuracy(overlapRanker());

/** Trains as the training job does (naive Bayes, then logistic regression, over the same examples) and measures each ranking. */
async function scenario(name: string, dispatches: TrainingExample[]): Promise<DispatchModel> {
  const { model } = await trainModel({ conditions, units, taxonomy, dispatches });
  const scores = Object.fromEntries(METHODS.map((m) => [m, accuracy(modelRanker(model, m))])) as Record<UnitMethod, { top1: number; top3: number }>;
  rows.push({ name, scores });
  return model;
}

const t0 = performance.now();
const { counts } = await trainModel({ conditions, units, taxonomy, dispatches: [] }, undefined, 500, null);
const trainNbMs = performance.now() - t0;
const t1 = performance.now();
await trainModel({ conditions, units, taxonomy, dispatches: [] });
const trainBothMs = performance.now() - t1;
const model = await scenario('day one: catalogue + taxonomy', []);
const matters = demoDispatches(conditions, devTexts, 0);
await scenario('+ 1000 demo dispatches (catalogue)', matters.examples);
const demo = demoDispatches(conditions, devTexts, 0.5);
await scenario('+ 1000 demo dispatches (half real)', demo.examples);
// 退单: 100 of the mixed dispatches come back from their unit.
await scenario('  then 100 of them returned', [...demo.examples, ...demo.examples.slice(0, 100).map((e) => ({ ...e, conditionCode: null, weight: -1 }))]);

// The background job's budget: training from scratch on a year of a busy centre's dispatches.
const BIG = 20_000;
const big = demoDispatches(conditions, devTexts, 0.5, BIG, 29).examples;
const t2 = performance.now();
await trainModel({ conditions, units, taxonomy, dispatches: big }, undefined, 500, null);
const bigNbMs = performance.now() - t2;
const t3 = performance.now();
const bigModel = (await trainModel({ conditions, units, taxonomy, dispatches: big })).model;
const bigBothMs = performance.now() - t3;

/** For automatic dispatch's threshold: of the dev messages whose first suggestion reaches it, how many, and how many right. */
function calibration(m: DispatchModel, method: UnitMethod): string {
  const firsts = dev.map((d) => ({ s: suggest(m, d.text, 1, method)[0]!, right: new Set(taxonomy.units.get(d.cls) ?? []) }));
  return [0.5, 0.6, 0.7, 0.8, 0.9]
    .map((t) => {
      const over = firsts.filter((f) => f.s.confidence >= t);
      const right = over.filter((f) => f.right.has(f.s.unitCode)).length;
      return `≥${t}: ${over.length} (${over.length ? ((right / over.length) * 100).toFixed(0) : '–'}% right)`;
    })
    .join(', ');
}
const calibrated = Object.fromEntries(METHODS.map((m) => [m, calibration(model, m)])) as Record<UnitMethod, string>;
const one = { ...matters.examples[0]! };
const t4 = performance.now();
for (const e of matters.examples) learnExample(model, e);
const learnMs = (performance.now() - t4) / matters.examples.length;


const time = Object.fromEntries(METHODS.map((m) => [m, timing((t) => suggest(model, t, 5, m))])) as Record<UnitMethod, { median: number; p95: number }>;
const floor = timing((t) => textFeatures(t));
const size = (m: DispatchModel) => (JSON.stringify(m).length / 1e6).toFixed(1);
const withoutLr = (m: DispatchModel) => ({ ...m, unitsLr: undefined });

console.log(`bench:dispatch — ${dev.length} dev messages (7 classes × 20), ${units.length} departments, ${counts.conditions} catalogue conditions, ${counts.taxonomy} taxonomy lines`);
console.log(`demo dispatches: 1000 each — (catalogue) the demo history's words for ${demo.matters} matters, routed as the catalogue routes them;`);
console.log(`  (half real) half of them drawn from ${demo.real} real messages labelled by the unit their official reply names. The dev set is never learned.`);
console.log(`methods: nb = multinomial naive Bayes, lr = multinomial logistic regression (SGD, L2), ensemble = the mean of their confidences;`);
console.log(`  all over jieba words + character pairs (core/smart-dispatch). Suggestions use: ${UNIT_METHOD}\n`);
console.log(`${'model'.padEnd(36)} ${METHODS.map((m) => `${m} top-1`.padStart(15) + `${m} top-3`.padStart(15)).join('')}`);
console.log(`${'baseline: word overlap, no model'.padEnd(36)} ${pct(baseline.top1).padStart(15)}${pct(baseline.top3).padStart(15)}`);
for (const r of rows) console.log(`${r.name.padEnd(36)} ${METHODS.map((m) => pct(r.scores[m].top1).padStart(15) + pct(r.scores[m].top3).padStart(15)).join('')}`);
console.log(`\ntime per suggestion (dev texts, 5 rounds):`);
for (const m of METHODS) console.log(`  ${m.padEnd(9)} median ${time[m].median.toFixed(2)} ms, p95 ${time[m].p95.toFixed(2)} ms   ratio to segmentation ${(time[m].median / floor.median).toFixed(2)}×`);
console.log(`  segmentation alone (the floor): median ${floor.median.toFixed(2)} ms, p95 ${floor.p95.toFixed(2)} ms`);
console.log(`\nconfidence of the first suggestion, day one (dev messages reaching a threshold, and the share of them right):`);
for (const m of METHODS) console.log(`  ${m.padEnd(9)} ${calibrated[m]}`);
console.log(`training from scratch, day one: nb ${trainNbMs.toFixed(0)} ms; nb + lr ${trainBothMs.toFixed(0)} ms`);
console.log(`training from scratch, day one + ${BIG} dispatches: nb ${bigNbMs.toFixed(0)} ms; nb + lr ${bigBothMs.toFixed(0)} ms`);
console.log(`learning one dispatch (nb + one lr step): ${learnMs.toFixed(2)} ms (${one.unitCode})`);
console.log(`model as JSON: day one ${size(model)} MB (${size(withoutLr(model))} MB without lr); with ${BIG} dispatches ${size(bigModel)} MB`);
