/**
 * Who sees a fold of detections and the snapshots its detections name: a reviewer (events.review) of the fold's
 * area — a division or grid of his — sees it while it waits and after; whoever may read the order a fold became
 * sees it as that order's (the order's own scope rule, orders/order-scope.ts). One home for both, used by the
 * review queue (review-detections.ts) and by the file reading rule (files/files.ts).
 */
import type { Actor } from '../org/actor.ts';
import { may } from '../org/permissions.rules.ts';
import { orderScopeSql, seesAll } from '../orders/order-scope.ts';

/** The reader's area holds the fold `alias` (its grid, village, town or district); `$n` is his area codes. */
export const foldAreaSql = (n: number, alias = 'f') =>
  `(${alias}.grid_code = any($${n}::text[]) or ${alias}.village_code = any($${n}::text[]) or ${alias}.town_code = any($${n}::text[]) or ${alias}.district_code = any($${n}::text[]))`;

/** The canonical id (lower-case UUID) of a snapshot as a device named it (any case, perhaps `urn:uuid:`), or null. */
export function snapshotId(text: string | null | undefined): string | null {
  if (!text) return null;
  const id = text.trim().toLowerCase().replace(/^urn:uuid:/, '');
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : null;
}

/** SQL: a detection `e` names the file `f` as its snapshot (as `snapshotId` reads it; the index on lower(snapshot) finds it). */
export const namesSnapshotSql = (e: string, f: string) => `lower(${e}.snapshot) in (${f}.public_id::text, 'urn:uuid:' || ${f}.public_id::text)`;

/**
 * SQL, for a `files` alias: the file is a device's snapshot that a detection of that device names, in a fold the
 * actor sees (above). Appends its parameters to `params`.
 */
export function snapshotReadableSql(actor: Actor, params: unknown[], file = 'f'): string {
  const ofOrder = seesAll(actor) ? 'true' : orderScopeSql(actor, params, 'so');
  let review = 'false';
  if (may(actor, 'events.review')) {
    params.push(actor.areaCodes);
    review = foldAreaSql(params.length, 'sf');
  }
  return `(${file}.device_id is not null and exists (
    select 1 from device_events se join event_folds sf on sf.id = se.fold_id
     where ${namesSnapshotSql('se', file)} and se.device_id = ${file}.device_id
       and (${review} or exists (select 1 from orders so where so.id = sf.order_id and ${ofOrder}))))`;
}
