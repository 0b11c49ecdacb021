/** Step and timeline action names as people say them: one copy, in contracts' vocabulary. */
import { ACTION_LABELS as ACTIONS, STEP_LABELS, type Labels } from '@liandong/contracts';

export { STEP_LABELS };

/** What the timeline says happened, by action (办理过程). */
export const ACTION_LABELS: Record<string, Labels> = Object.fromEntries(Object.entries(ACTIONS).map(([a, l]) => [a, l.done]));
