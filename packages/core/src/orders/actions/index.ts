/**
 * Every action of the lifecycle, by its API name, as the live executor runs it: the action's decision
 * (orders/decisions/, shared with the demo history) answered from the database, its effects written after the
 * order's row in the same transaction. Merging (并单) is live-only (merge-action.ts).
 */
import type { ActionName } from '@liandong/contracts';
import type { ActionHandler } from '../action.types.ts';
import { DECISIONS, decideAsync, type DecidedAction } from '../decisions/index.ts';
import type { Decide } from '../decisions/index.ts';
import { liveAnswers } from '../live-world.ts';
import { applyEffects } from '../apply-effects.ts';
import { merge } from './merge-action.ts';

function live<A extends DecidedAction>(decide: Decide<A>): ActionHandler<A> {
  return async ({ tx, order, actor, body, now, services }) => {
    const d = await decideAsync(decide({ order, actor, body, now }), liveAnswers(tx, services, order, now));
    return { to: d.to, patch: d.patch, note: d.note, data: d.data, attachmentIds: d.attachmentIds, after: (updated) => applyEffects(tx, services, updated, d.effects, now, actor.userId) };
  };
}

export const ACTION_HANDLERS = {
  ...(Object.fromEntries(Object.entries(DECISIONS).map(([a, decide]) => [a, live(decide as Decide<DecidedAction>)])) as { [A in DecidedAction]: ActionHandler<A> }),
  merge,
} satisfies { [A in ActionName]: ActionHandler<A> };
