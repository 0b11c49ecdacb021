/**
 * Training: the catalogue, the units' names and the taxonomy first (what the model knows on its first day), then
 * every dispatch and return in the order they happened. Reports its progress (0…1) as it goes, every `every`
 * examples, and yields to the event loop then so a server stays responsive while a model trains.
 */
import type { CataloguePlan } from '../catalogue/catalogue.types.ts';
import { emptyDispatchModel, learnExample, type ConditionInfo, type DispatchModel, type TrainingExample } from './dispatch-model.rules.ts';
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

export async function trainModel(input: TrainingInput, onProgress?: (share: number, stage: string) => Promise<void> | void, every = 500): Promise<{ model: DispatchModel; counts: TrainingCounts }> {
  const info: Record<string, ConditionInfo> = {};
  for (const c of input.conditions) info[c.condition.code] = c.condition;
  const model = emptyDispatchModel(info);
  const known = new Set(input.units.map((u) => u.code));
  const seed = catalogueExamples(input.conditions, input.units);
  const tax = input.taxonomy ? taxonomyExamples(input.taxonomy, known) : [];
  const all = [...seed, ...tax, ...input.dispatches];
  for (let i = 0; i < all.length; i++) {
    learnExample(model, all[i]!);
    if (onProgress && (i + 1) % every === 0) {
      await onProgress((i + 1) / all.length, i < seed.length ? 'catalogue' : i < seed.length + tax.length ? 'taxonomy' : 'dispatches');
      await new Promise((r) => setImmediate(r));
    }
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
