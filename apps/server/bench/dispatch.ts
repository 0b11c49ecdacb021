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
 * and the time per suggestion (median and p95 over the dev set, 5 rounds), beside the segmentation alone (the floor).
 * Runs in memory: the model the server keeps is the same object, read from `dispatch_models`.
 */
import { readFileSync } from 'node:fs';
import { parseCsvTable } from '@liandong/core/shared/csv.ts';
import { buildDemoCatalogue } from '@liandong/core/demo/catalogue/build-demo-catalogue.ts';
import { DEPARTMENTS } from '@liandong/core/demo/org-data.ts';
import { words } from '@liandong/core/shared/text/segment.ts';
import { textFeatures } from '@liandong/core/smart-dispatch/features.ts';
import { learnExample, suggest, type DispatchModel } from '@liandong/core/smart-dispatch/dispatch-model.rules.ts';
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

const modelRanker = (m: DispatchModel): Ranker => (text) => suggest(m, text, 5).map((s) => s.unitCode);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const rows: { name: string; top1: number; top3: number }[] = [];

const devTexts = new Set(dev.map((d) => d.text.split(' ').slice(1).join(' ')));
const baseline = accuracy(overlapRanker());
rows.push({ name: 'baseline: word overlap, no model', ...baseline });

const t0 = performance.now();
const { model, counts } = await trainModel({ conditions, units, taxonomy, dispatches: [] });
const trainMs = performance.now() - t0;
const dayOne = accuracy(modelRanker(model));
rows.push({ name: 'day one: catalogue + taxonomy', ...dayOne });

const fresh = async () => (await trainModel({ conditions, units, taxonomy, dispatches: [] })).model;
const matters = demoDispatches(conditions, devTexts, 0);
const t1 = performance.now();
for (const e of matters.examples) learnExample(model, e);
const learnMs = (performance.now() - t1) / matters.examples.length;
rows.push({ name: `+ 1000 demo dispatches (catalogue)`, ...accuracy(modelRanker(model)) });
const demo = demoDispatches(conditions, devTexts, 0.5);
const mixed = await fresh();
for (const e of demo.examples) learnExample(mixed, e);
rows.push({ name: `+ 1000 demo dispatches (half real)`, ...accuracy(modelRanker(mixed)) });
// 退单: 100 of the mixed dispatches come back from their unit.
for (const e of demo.examples.slice(0, 100)) learnExample(mixed, { ...e, conditionCode: null, weight: -1 });
rows.push({ name: `  then 100 of them returned`, ...accuracy(modelRanker(mixed)) });

const time = timing((t) => suggest(model, t, 5));
const floor = timing((t) => textFeatures(t));

console.log(`bench:dispatch — ${dev.length} dev messages (7 classes × 20), ${units.length} departments, ${counts.conditions} catalogue conditions, ${counts.taxonomy} taxonomy lines`);
console.log(`demo dispatches: 1000 each — (catalogue) the demo history's words for ${demo.matters} matters, routed as the catalogue routes them;`);
console.log(`  (half real) half of them drawn from ${demo.real} real messages labelled by the unit their official reply names. The dev set is never learned.`);
console.log(`method: multinomial naive Bayes over jieba words + character pairs (core/smart-dispatch)\n`);
console.log(`${'model'.padEnd(36)} ${'top-1'.padStart(7)} ${'top-3'.padStart(7)}   top-1 / baseline`);
for (const r of rows) console.log(`${r.name.padEnd(36)} ${pct(r.top1)} ${pct(r.top3)}   ${(r.top1 / Math.max(1e-9, baseline.top1)).toFixed(2)}×`);
console.log(`\ntime per suggestion (dev texts, 5 rounds): median ${time.median.toFixed(2)} ms, p95 ${time.p95.toFixed(2)} ms`);
console.log(`  segmentation alone (the floor):          median ${floor.median.toFixed(2)} ms, p95 ${floor.p95.toFixed(2)} ms   ratio ${(time.median / floor.median).toFixed(2)}×`);
console.log(`training from scratch: ${trainMs.toFixed(0)} ms; learning one dispatch: ${learnMs.toFixed(2)} ms`);
