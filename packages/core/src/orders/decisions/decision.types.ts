import type { ActionBody, ActionName } from '@liandong/contracts';
import type { OrderRow } from '../order.types.ts';
import type { Asking } from './asks.ts';
import type { Decision } from './effects.ts';

/** What a decision reads: the order as it is (locked), who acts, the validated body, the moment. */
export interface DecisionInput<A extends ActionName> {
  order: OrderRow;
  /** null: a person without an account (the demo history's virtual grid workers and station handlers). */
  actor: { userId: number | null; unitIds: readonly number[] };
  body: ActionBody<A>;
  now: Date;
}

/** An action's decision: asks the world what it needs, and returns what the action does. Never writes. */
export type Decide<A extends ActionName> = (i: DecisionInput<A>) => Asking<Decision>;
