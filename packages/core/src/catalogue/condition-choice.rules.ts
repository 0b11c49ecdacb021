/**
 * Which case-opening condition (立案条件) of a category an order falls under. The condition sets the urgency, the
 * limits and the responsible units, so it is never picked silently: the one named, the only one, or the one the
 * order's own words imply (said on the timeline); otherwise the dispatcher must choose. Pure: no database.
 */

export interface ConditionOption {
  id: number;
  code: string;
  description: string;
  urgency: string;
}

export type ConditionChoice =
  | { kind: 'chosen'; condition: ConditionOption; how: 'named' | 'only' | 'text' }
  | { kind: 'unknown-code' }
  | { kind: 'ambiguous'; options: readonly ConditionOption[] }
  | { kind: 'none' };

/** The words of a condition that tell it apart: its description without what all the category's conditions share. */
function distinctiveTerms(description: string, shared: string): string[] {
  return description
    .slice(shared.length)
    .split(/[、，,；;。：:（）()\s]|或|与|及|和|并|且|存在|出现|发生|造成|影响/)
    .map((t) => t.trim())
    .filter((t) => t.length >= 2);
}

function commonPrefix(texts: readonly string[]): string {
  if (texts.length < 2) return '';
  let prefix = texts[0]!;
  for (const t of texts.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < t.length && prefix[i] === t[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/**
 * The condition the text names by its distinctive words: the one with the most of them in the text, if it has
 * more than every other; else null. "井盖松动" implies 「…松动、异响或与路面高差超标」, not 「…缺失、破损或移位」.
 */
export function impliedCondition(options: readonly ConditionOption[], text: string): ConditionOption | null {
  const shared = commonPrefix(options.map((o) => o.description));
  const scored = options.map((o) => ({ o, score: distinctiveTerms(o.description, shared).filter((t) => text.includes(t)).length }));
  scored.sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.score === 0 || (second && second.score === best.score)) return null;
  return best.o;
}

/** Chooses the condition for an order: named by code, the category's only one, or implied by the order's text. */
export function chooseCondition(options: readonly ConditionOption[], named: string | undefined, text: string): ConditionChoice {
  if (named) {
    const c = options.find((o) => o.code === named);
    return c ? { kind: 'chosen', condition: c, how: 'named' } : { kind: 'unknown-code' };
  }
  if (options.length === 0) return { kind: 'none' };
  if (options.length === 1) return { kind: 'chosen', condition: options[0]!, how: 'only' };
  const implied = impliedCondition(options, text);
  return implied ? { kind: 'chosen', condition: implied, how: 'text' } : { kind: 'ambiguous', options };
}

/** The choices, as a dispatcher reads them in a refusal: 「01001-01 供水井盖缺失…（紧急）；01001-02 …」. */
export function describeOptions(options: readonly ConditionOption[]): string {
  return options.map((o) => `${o.code} ${o.description}${o.urgency === 'normal' ? '' : `（${o.urgency === 'urgent' ? '紧急' : '特急'}）`}`).join('；');
}
