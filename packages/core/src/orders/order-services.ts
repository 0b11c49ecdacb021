import type { Queryable } from '@liandong/db';
import type { Clock } from '../shared/clock.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import type { TerritoryMatch } from '../territory/index.ts';
import type { IntakeQueue } from './intake/intake-queue.ts';
import type { ReferenceCache } from './intake/reference-cache.ts';

/** What the order use cases need from the rest of the platform, passed in rather than imported as singletons. */
export interface OrderServices {
  clock: Clock;
  territory: { lookup(lng: number, lat: number): Promise<TerritoryMatch> };
  calendar(q: Queryable): Promise<WorkingCalendar>;
  reference: ReferenceCache;
  /** The address citizens reach the platform at (callback links in SMS). */
  publicUrl?: string;
  /** Group commit of new orders; without it each order commits alone. */
  intake?: IntakeQueue;
}
