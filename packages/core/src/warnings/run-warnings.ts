/**
 * One run of early warning (预警研判): every enabled rule's detector, then each condition found written as a
 * warning unless the same condition (dedupe key) has one open, or one resolved within the rule's cooldown — and, for
 * reports about one place, unless an open warning already holds one of its orders. Each new warning goes to the
 * inboxes it concerns through the outbox, in the same transaction: district leaders and the centres' shift leads
 * covering its area for spikes, callers and places; the unit that answers for it for orders at risk and backlogs.
 * At-risk warnings whose step is done (or no longer running) resolve themselves. Runs under a transaction-scoped
 * advisory lock, so two runs (the timer and an administrator's "run now") never interleave.
 */
import type { Queryable } from '@liandong/db';
import type { WarningKind } from '@liandong/contracts';
import type { WorkingCalendar } from '../calendar/index.ts';
import { enqueueMessage } from '../notify/enqueue-message.ts';
import { detectAtRisk, detectBacklog, detectRepeatCallers, detectRepeatPlaces, detectSpikes, loadPlaces } from './detect.ts';
import { paramsOf } from './rule-params.rules.ts';
import type { Candidate } from './warning.types.ts';

export const LAST_RUN_KEY = 'warnings.last_run';
const LOCK = 'liandong.warnings.run';

export interface RunOutcome {
  raised: number;
  byRule: { rule: string; found: number; raised: number }[];
  ms: number;
}

export async function runWarnings(tx: Queryable, now: Date, calendar: WorkingCalendar): Promise<RunOutcome> {
  const t0 = performance.now();
  await tx.query('select pg_advisory_xact_lock(hashtext($1))', [LOCK]);
  const rules = await tx.query<{ code: string; kind: WarningKind; params: unknown }>('select code, kind, params from warning_rules where enabled order by code');
  const places = await loadPlaces(tx);
  const byRule: RunOutcome['byRule'] = [];
  for (const rule of rules.rows) {
    const found = await detect(tx, rule.code, rule.kind, rule.params, now, calendar, places);
    let raised = 0;
    for (const c of found) if (await raise(tx, c, now)) raised++;
    byRule.push({ rule: rule.code, found: found.length, raised });
  }
  await resolveFinishedAtRisk(tx, now);
  const raised = byRule.reduce((s, r) => s + r.raised, 0);
  await tx.query(
    `insert into settings (key, value, updated_at) values ($1, $2::jsonb, $3)
     on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`,
    [LAST_RUN_KEY, JSON.stringify({ at: now.toISOString(), raised }), now],
  );
  return { raised, byRule, ms: Math.round(performance.now() - t0) };
}

function detect(q: Queryable, code: string, kind: WarningKind, stored: unknown, now: Date, calendar: WorkingCalendar, places: Awaited<ReturnType<typeof loadPlaces>>): Promise<Candidate[]> {
  switch (kind) {
    case 'spike':
      return detectSpikes(q, code, paramsOf('spike', stored), now, places);
    case 'repeat_caller':
      return detectRepeatCallers(q, code, paramsOf('repeat_caller', stored), now, places);
    case 'repeat_place':
      return detectRepeatPlaces(q, code, paramsOf('repeat_place', stored), now, places);
    case 'at_risk':
      return detectAtRisk(q, code, paramsOf('at_risk', stored), now, calendar);
    case 'backlog':
      return detectBacklog(q, code, paramsOf('backlog', stored), now, places);
  }
}

/** Writes the warning unless its condition is already warned of; returns its id when written. */
async function raise(tx: Queryable, c: Candidate, now: Date): Promise<number | null> {
  const r = await tx.query<{ id: string }>(
    `insert into warnings (kind, rule_code, dedupe_key, area_level, district_code, town_code, village_code, category_code, phone, lng, lat,
                           order_id, step, unit_id, observed, expected, threshold, p_value, window_from, window_to, details,
                           title_zh, title_en, explanation_zh, explanation_en, order_ids, raised_at)
     select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21::jsonb, $22, $23, $24, $25, $26::bigint[], $27
      where not exists (select 1 from warnings w where w.dedupe_key = $3 and w.state = 'resolved'
                           and w.resolved_at > $27::timestamptz - make_interval(hours => $28::int))
        and ($1 <> 'repeat_place' or not exists (select 1 from warnings w where w.rule_code = $2 and w.state <> 'resolved' and w.order_ids && $26::bigint[]))
     on conflict (dedupe_key) where state <> 'resolved' do nothing
     returning id`,
    [
      c.kind, c.ruleCode, c.dedupeKey, c.areaLevel ?? null, c.districtCode ?? null, c.townCode ?? null, c.villageCode ?? null, c.categoryCode ?? null,
      c.phone ?? null, c.lng ?? null, c.lat ?? null, c.orderId ?? null, c.step ?? null, c.unitId ?? null, c.observed, c.expected, c.threshold, c.pValue,
      c.windowFrom, c.windowTo, JSON.stringify(c.details), c.title.zh, c.title.en, c.explanation.zh, c.explanation.en, c.orderIds, now, c.cooldownHours,
    ],
  );
  const id = r.rows[0] ? Number(r.rows[0].id) : null;
  if (id !== null) await notify(tx, c, now);
  return id;
}

/**
 * The inboxes a warning goes to: for an area's warning (spike, caller, place) the leaders and shift leads whose
 * areas hold it (the district's, and the town's for a town or village); for a unit's (at risk, backlog) the unit.
 */
async function notify(tx: Queryable, c: Candidate, now: Date): Promise<void> {
  const vars = { title: c.title.zh, explanation: c.explanation.zh };
  if (c.kind === 'at_risk' || c.kind === 'backlog') {
    if (c.unitId != null) await enqueueMessage(tx, { template: 'warning.raised', vars, channel: 'inbox', recipient: { kind: 'unit', unitId: c.unitId }, orderId: c.orderId ?? null, at: now });
    return;
  }
  const areas = [c.districtCode, c.areaLevel === 'district' ? null : c.townCode].filter((a): a is string => !!a);
  if (!areas.length) return;
  const users = await tx.query<{ id: number }>(
    `select distinct u.id from users u
       join user_roles r on r.user_id = u.id and r.role in ('leader', 'shift_lead')
       join user_scopes s on s.user_id = u.id and s.area_code = any($1::text[])
      where u.active order by u.id`,
    [areas],
  );
  for (const u of users.rows) {
    await enqueueMessage(tx, { template: 'warning.raised', vars, channel: 'inbox', recipient: { kind: 'user', userId: u.id }, at: now });
  }
}

/** An at-risk warning whose step run is no longer running (done, moved on, closed) resolves itself. */
async function resolveFinishedAtRisk(tx: Queryable, now: Date): Promise<void> {
  await tx.query(
    `update warnings w set state = 'resolved', resolved_at = $1,
            resolution_note = '环节已办理或已不在计时 / the step is done or no longer running'
      where w.kind = 'at_risk' and w.state <> 'resolved'
        and not exists (select 1 from order_deadlines d
                         where d.order_id = w.order_id and d.step = w.step and d.done_at is null and d.started_at = w.window_from)`,
    [now],
  );
}
