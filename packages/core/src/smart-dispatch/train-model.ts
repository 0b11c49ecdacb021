/**
 * Training: the catalogue, the units' names and the taxonomy first (what the model knows on its first day), then
 * every dispatch and return in the order they happened — naive Bayes in one pass, then the units' logistic
 * regression in its passes over the same examples. Reports its progress (0…1) as it goes, every `every` examples,
 * and yields to the event loop then so a server stays responsive while a model trains.
 */
import type { CataloguePlan } from '../catalogue/catalogue.types.ts';
import { DISPATCH_WEIGHT, emptyDispatchModel, learnExample, type ConditionInfo, type DispatchModel, type TrainingExample } from './dispatch-model.rules.ts';
import { textFeatures } from './features.ts';
import { compactLr, LR_DEFAULTS, trainLr, type LrOptions } from './logistic-regression.rules.ts';
import { catalogueExamples, taxonomyExamples, type CatalogueText, type Taxonomy } from './training-set.ts';

export interface TrainingInput {
  conditions: readonly CatalogueText[];
  units: readonly { code: string; name: string }[];
  taxonomy: Taxonomy | null;
  dispatches: readonly TrainingExample[];
}

export interface TrainingCounts {
  conditions: number;
  units: number;
  taxonomy: number;
  dispatches: number;
  returns: number;
}

/** The share of the progress naive Bayes stands for; logistic regression's passes take the rest. */
const NB_SHARE = 0.2;

export async function trainModel(
  input: TrainingInput,
  onProgress?: (share: number, stage: string) => Promise<void> | void,
  every = 500,
  lr: LrOptions | null = LR_DEFAULTS,
): Promise<{ model: DispatchModel; counts: TrainingCounts }> {
  const info: Record<string, ConditionInfo> = {};
  for (const c of input.conditions) info[c.condition.code] = c.condition;
  const model = emptyDispatchModel(info);
  const known = new Set(input.units.map((u) => u.code));
  const seed = catalogueExamples(input.conditions, input.units);
  const tax = input.taxonomy ? taxonomyExamples(input.taxonomy, known) : [];
  const all = [...seed, ...tax, ...input.dispatches];
  const features = all.map((e) => textFeatures(e.text));
  const share = lr ? NB_SHARE : 1;
  for (let i = 0; i < all.length; i++) {
    learnExample(model, all[i]!, features[i]);
    if (onProgress && (i + 1) % every === 0) {
      await onProgress((share * (i + 1)) / all.length, i < seed.length ? 'catalogue' : i < seed.length + tax.length ? 'taxonomy' : 'dispatches');
      await new Promise((r) => setImmediate(r));
    }
  }
  if (lr) {
    const examples = all.flatMap((e, i) => (e.unitCode ? [{ label: e.unitCode, features: features[i]!, weight: e.prior ? e.weight * DISPATCH_WEIGHT : e.weight }] : []));
    const trained = await trainLr(examples, lr, async (done) => {
      if (!onProgress) return;
      await onProgress(NB_SHARE + (1 - NB_SHARE) * done, 'logistic');
      await new Promise((r) => setImmediate(r));
    });
    model.unitsLr = compactLr(trained);
  }
  if (onProgress) await onProgress(1, 'done');
  return {
    model,
    counts: {
      conditions: input.conditions.length,
      units: input.units.length,
      taxonomy: tax.length,
      dispatches: input.dispatches.filter((d) => d.weight > 0).length,
      returns: input.dispatches.filter((d) => d.weight < 0).length,
    },
  };
}

/** A catalogue plan (codes, not ids; e.g. the demo's) as training texts, with the units it names. */
export function catalogueTextsOfPlan(plan: CataloguePlan): CatalogueText[] {
  const cats = new Map(plan.categories.map((c) => [c.code, c]));
  const lead = new Map<string, string | null>();
  for (const u of plan.conditionUnits) if (u.role === 'lead' && !u.areaCode && !lead.has(u.conditionCode)) lead.set(u.conditionCode, u.unitCode);
  return plan.conditions
    .filter((c) => c.active !== false)
    .map((c) => {
      const cat = cats.get(c.categoryCode)!;
      const major = cat.parentCode ? cats.get(cat.parentCode) : undefined;
      return {
        condition: { code: c.code, description: c.description, categoryCode: c.categoryCode, categoryName: cat.name, unitCode: lead.get(c.code) ?? null },
        closingStandard: c.closingStandard,
        majorName: major?.name ?? null,
      };
    });
}
