/**
 * 区域考核指标: the figures of a town, a village or a grid, counted over the orders that lie in it (the order's
 * town_code, village_code or grid_code). An order counts in the period it was registered in, except where a
 * figure says otherwise (closures, callbacks). "Needing an answer" leaves out the orders rejected (不予受理), merged
 * into another (并单) and voided (作废). An order is closed on time when none of its sign and handle runs was late
 * (docs/assessment.md: a run is late when done, or withdrawn, after its due time, or still open past it).
 */
import type { AssessmentSubject, IndicatorCode } from '@liandong/contracts';
import type { IndicatorDef } from './indicator.types.ts';

const COLUMN: Partial<Record<AssessmentSubject, string>> = { towns: 'o.town_code', villages: 'o.village_code', grids: 'o.grid_code' };
const area = (subject: AssessmentSubject) => COLUMN[subject]!;
const AREAS: AssessmentSubject[] = ['towns', 'villages', 'grids'];

const REGISTERED = (s: AssessmentSubject) => `from orders o where o.created_at >= $1 and o.created_at < $2 and ${area(s)} is not null`;
const NEEDING_ANSWER = `and o.state not in ('rejected', 'merged', 'voided')`;
/** Per order: whether a sign or handle run was late, and whether a run is open past due at the period's end. */
const RUN_STATE = `cross join lateral (
    select coalesce(bool_or(r.step in ('sign', 'handle') and coalesce(r.done_at, r.withdrawn_at, 'infinity') > r.due_at), false) as late_handling,
           coalesce(bool_or(r.done_at is null and r.withdrawn_at is null and r.due_at < least($2::timestamptz, $3::timestamptz)), false) as overdue
      from order_step_runs r where r.order_id = o.id) rs`;

const def = (
  code: IndicatorCode,
  kind: 'rate' | 'count',
  better: 'higher' | 'lower',
  name: [string, string],
  num: [string, string],
  den: [string, string],
  sql: (s: AssessmentSubject) => string,
): IndicatorDef => ({ code, subjects: AREAS, kind, better, name: { zh: name[0], en: name[1] }, numerator: { zh: num[0], en: num[1] }, denominator: { zh: den[0], en: den[1] }, sql });

export const AREA_INDICATOR_DEFS: readonly IndicatorDef[] = [
  def('received', 'count', 'higher', ['受理量', 'orders registered'], ['期内登记的工单', 'orders registered in the period'], ['（计数指标）', '(a count)'], (s) => `select ${area(s)} as subject, o.id as order_id, true as hit ${REGISTERED(s)}`),
  def(
    'area_completion_rate',
    'rate',
    'higher',
    ['办结率', 'completion rate'],
    ['已办结的', 'those closed'],
    ['期内登记、需要办理的工单（不含不予受理、并单、作废）', 'orders registered in the period that need an answer (not rejected, merged or voided)'],
    (s) => `select ${area(s)} as subject, o.id as order_id, o.state = 'closed' as hit ${REGISTERED(s)} ${NEEDING_ANSWER}`,
  ),
  def(
    'area_on_time_rate',
    'rate',
    'higher',
    ['按期办结率', 'on-time closure rate'],
    ['已办结且签收、办理都未超时的', 'those closed with no sign or handling step late'],
    ['同办结率，且已办结或有环节已超时', 'as for the completion rate, once closed or past a due time'],
    (s) => `select ${area(s)} as subject, o.id as order_id, o.state = 'closed' and not rs.late_handling as hit
              from orders o ${RUN_STATE}
             where o.created_at >= $1 and o.created_at < $2 and ${area(s)} is not null ${NEEDING_ANSWER}
               and (o.state = 'closed' or rs.overdue or rs.late_handling)`,
  ),
  def(
    'area_direct_close_rate',
    'rate',
    'higher',
    ['直接办结率', 'direct-close rate'],
    ['由中心直接答复办结的', 'those answered and closed by a centre itself'],
    ['期内登记的工单', 'orders registered in the period'],
    (s) => `select ${area(s)} as subject, o.id as order_id, exists (select 1 from order_events e where e.order_id = o.id and e.action = 'answer') as hit ${REGISTERED(s)}`,
  ),
  def(
    'area_satisfaction_rate',
    'rate',
    'higher',
    ['满意率', 'satisfaction rate'],
    ['评价为非常满意、满意或基本满意的', 'those rated very satisfied, satisfied or basically satisfied'],
    ['期内回访评价的本区域工单', 'orders of the area rated at a callback in the period'],
    (s) => `select ${area(s)} as subject, o.id as order_id, e.data->>'satisfaction' in ('very_satisfied', 'satisfied', 'basically_satisfied') as hit
              from order_events e join orders o on o.id = e.order_id
             where e.action = 'callback' and e.at >= $1 and e.at < $2 and e.data ? 'satisfaction' and ${area(s)} is not null`,
  ),
  def(
    'solved_in_grid_rate',
    'rate',
    'higher',
    ['网格自治率', 'solved-in-the-grid rate'],
    ['在网格内自行处置办结的', 'those solved by the grid itself'],
    ['期内办结的本区域工单', 'orders of the area closed in the period'],
    (s) => `select ${area(s)} as subject, o.id as order_id, o.solved_level = 'grid' as hit
              from orders o where o.state = 'closed' and o.closed_at >= $1 and o.closed_at < $2 and ${area(s)} is not null`,
  ),
  def(
    'overdue_open',
    'count',
    'lower',
    ['超期在办', 'open past due'],
    ['期末仍在办且有环节超时的工单', 'orders still open at the period’s end with a step past due'],
    ['（计数指标）', '(a count)'],
    (s) => `select distinct ${area(s)} as subject, o.id as order_id, true as hit
              from order_step_runs r join orders o on o.id = r.order_id
             where r.started_at < $2 and r.due_at < least($2::timestamptz, $3::timestamptz)
               and coalesce(r.done_at, r.withdrawn_at, 'infinity') >= least($2::timestamptz, $3::timestamptz) and ${area(s)} is not null`,
  ),
];

/** Orders closed in the period by where they were solved (网格自治, 村社, 镇街, 区级部门, 综合执法), per area. */
export const resolutionSql = (s: AssessmentSubject) =>
  `select ${area(s)} as subject, o.solved_level as level, count(*)::int as n
     from orders o where o.state = 'closed' and o.closed_at >= $1 and o.closed_at < $2 and ${area(s)} is not null and o.solved_level is not null
    group by 1, 2`;
