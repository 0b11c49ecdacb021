/**
 * The order list's filters (工单查询条件) as SQL conditions on `orders o` alone, their values appended to `params`.
 * The query schema (contracts ListOrdersQuery) is closed, so every filter a client sends is one of these. Counting
 * reads no other table per order: a join of each order with its state (for stateType) cost as much as finding it.
 */
import type { ListOrdersFilter } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { hasRole } from '../org/actor.ts';
import { seesReporterIdentity } from '../org/personal-data.ts';
import { callerRowsSql } from './callers/same-caller.ts';
import { unprocessable } from '../shared/errors.ts';

/**
 * The running clocks `d` (the open orders': partial index order_deadlines_running), each beside its order `s` if
 * that order is suspended. Suspended orders are few (partial index orders_suspended), so they are merged in by id;
 * joining every running clock to its order looked each one up among all orders (at 1M orders, 5,755 running clocks
 * cost 23,000 buffers and ~100 ms in every 将超时 and 已超时 call, against 2 ms).
 */
const RUNNING_CLOCKS = `order_deadlines d left join orders s on s.id = d.order_id and s.suspended_at is not null where d.done_at is null`;

/** The instant a running clock is read at, as the order view reads it (readStepClock): now, or when its order was suspended. */
const clockReadAt = (now: string) => `coalesce(s.suspended_at, ${now})`;

/**
 * What a text search (q) looks in, as bigrams (every two adjacent characters): the description, address and order
 * number as one text. The GIN index orders_text holds exactly this expression (migration 0024), so it must not change.
 */
const ORDER_TEXT = `liandong_bigrams(o.description || ' ' || coalesce(o.address, '') || ' ' || o.code)`;

export interface FilterOptions {
  /** Whether a text search looks its candidates up by bigrams (default), or only tests each order it reads. */
  textIndex?: boolean;
}

export function orderFilterSql(actor: Actor, f: ListOrdersFilter, now: Date, params: unknown[], opts: FilterOptions = {}): string[] {
  const where: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.state) add((n) => `o.state = any(${n}::text[])`, f.state.split(','));
  if (f.stateType) add((n) => `o.state = any(array(select ost.code from order_states ost where ost.type = any(${n}::text[])))`, f.stateType.split(','));
  if (f.channel) add((n) => `o.channel = ${n}`, f.channel);
  if (f.nature) add((n) => `o.nature = ${n}`, f.nature);
  if (f.categoryCode) add((n) => `o.category_code = ${n}`, f.categoryCode);
  if (f.townCode) add((n) => `o.town_code = ${n}`, f.townCode);
  if (f.gridCode) add((n) => `o.grid_code = ${n}`, f.gridCode);
  if (f.unitId) add((n) => `(o.handler_unit_id = ${n} or o.dispatch_unit_id = ${n})`, f.unitId);
  if (f.level) add((n) => `o.level = ${n}`, f.level);
  if (f.pendingRequest) add((n) => `o.pending_request->>'kind' = ${n}`, f.pendingRequest);
  if (f.arrivedBy) add((n) => `o.arrived_by = ${n}`, f.arrivedBy);
  if (f.awaitingMyApproval !== undefined) {
    // Requests wait for a shift lead of the centre that dispatched the order (ACTION_RULES: approve-*), at that
    // level: a town's requests are in the town shift lead's queue, not in the district's (which may still act).
    const mine = hasRole(actor, 'shift_lead') && actor.unitId != null ? [actor.unitId] : [];
    add((n) => `${f.awaitingMyApproval ? '' : 'not '}(o.pending_request is not null and o.dispatch_unit_id = any(${n}::int[]))`, mine);
  }
  // Filters on other tables are `o.id = any(array(select …))`: the few matching ids are found once (an index on
  // that table), then their orders by key. A correlated EXISTS or an IN made the planner walk every order in scope
  // newest first, hoping to fill a page early (将超时 took 2.9 s at 1M orders).
  if (f.overdue !== undefined) {
    add((n) => `${f.overdue ? '' : 'not '}o.id = any(array(select d.order_id from ${RUNNING_CLOCKS} and d.due_at < ${clockReadAt(n)}))`, now);
  }
  if (f.light) {
    // The order's light (order view: worstLight of the running steps, lightAt): red after a due time, yellow
    // from a yellow moment, else green; an order without a running clock has none.
    params.push(now, f.light.split(','));
    const [at, lights] = [clockReadAt(`$${params.length - 1}`), `$${params.length}`];
    where.push(
      `o.id = any(array(select d.order_id from ${RUNNING_CLOCKS} group by d.order_id, s.suspended_at
                having (case when bool_or(d.due_at < ${at}) then 'red' when bool_or(d.yellow_at <= ${at}) then 'yellow' else 'green' end) = any(${lights}::text[])))`,
    );
  }
  if (f.supervised !== undefined) where.push(`${f.supervised ? '' : 'not '}o.id = any(array(select sv.order_id from supervisions sv))`);
  if (f.coHandledByMe !== undefined) {
    add((n) => `${f.coHandledByMe ? '' : 'not '}exists (select 1 from order_units ou where ou.order_id = o.id and ou.role = 'co' and ou.active and ou.unit_id = any(${n}::int[]))`, actor.unitId ? [actor.unitId] : []);
  }
  if (f.reportedByMe !== undefined) add((n) => `${f.reportedByMe ? '' : 'not '}coalesce(o.created_by = ${n}, false)`, actor.userId);
  if (f.phone) {
    // Only roles that see reporters in full may search by phone (checked by the caller); never match a reporter
    // the actor could not see, whatever the caller checked.
    // The same caller as his history counts him (callers/same-caller.ts): never an anonymous reporter.
    const visible = seesReporterIdentity(actor) ? 'true' : 'false';
    add((n) => `o.id = any(array(select r.order_id from order_reporters r where ${callerRowsSql('r', n)} and ${visible}))`, f.phone);
  }
  if (f.q) {
    // The text's bigrams find the candidates by the index (a text of one character has none); `like` decides.
    if (opts.textIndex !== false && [...f.q].length >= 2) add((n) => `${ORDER_TEXT} @> liandong_bigrams(${n})`, f.q);
    add((n) => `(o.description like ${n} or o.address like ${n} or o.code like ${n})`, `%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
  }
  const from = parseDate(f.from, 'from');
  const to = parseDate(f.to, 'to');
  if (from) add((n) => `o.created_at >= ${n}`, from);
  if (to) add((n) => `o.created_at < ${n}`, to);
  return where;
}

function parseDate(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw unprocessable(field, '日期格式无效', 'invalid date');
  return d;
}
