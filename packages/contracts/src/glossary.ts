/** The glossary's table of actions (docs/glossary.md), generated from the vocabulary: one copy of the labels. */
import { ACTION_LABELS, TIMELINE_ACTIONS } from './vocabulary.ts';

export function actionsTable(): string {
  const rows = TIMELINE_ACTIONS.map((a) => `| ${a} | ${ACTION_LABELS[a].verb.zh} | ${ACTION_LABELS[a].done.zh} | ${ACTION_LABELS[a].about} |`);
  return ['| action (API) | 操作 | 办理过程 (timeline) | |', '|---|---|---|---|', ...rows].join('\n');
}
