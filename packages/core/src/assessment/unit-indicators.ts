/**
 * 单位考核指标: each indicator of a unit as data — its name, what is counted above and below the line, and one SQL
 * that lists the counted items of every unit for a period: (subject, order_id, hit), hit meaning "also above the
 * line". The figure, the ranking and the drill-down all read that one statement, so a number and the orders
 * behind it can never disagree.
 *
 * The items are the runs of the steps' clocks (order_step_runs: a step started for a unit, due, done or
 * withdrawn) and the events of the timeline. Parameters: $1 the period's start, $2 its end (exclusive), $3 now.
 * A run counts in the period it started in. "On time" compares the moment a run was done with its due time, which
 * the working calendar set and extensions and suspensions moved (the clock the order showed). A run withdrawn
 * before it was due (redispatched, taken back) is not the unit's to answer for; one withdrawn after it was due
 * was late. A run still open counts as late once its due time has passed, before the period's end.
 */
import type { UnitIndicator } from '@liandong/contracts';
import type { IndicatorDef } from './indicator.types.ts';

/** Runs of a step started in the period, except those withdrawn before they were due. */
const runs = (step: string, extra = '') =>
  `from order_step_runs r where r.step = '${step}' and r.unit_id is not null and r.started_at >= $1 and r.started_at < $2
     and (r.withdrawn_at is null or r.withdrawn_at > r.due_at) ${extra}`;
/** …and settled: done, or due before the period's end (or now). */
const SETTLED = 'and (r.done_at is not null or r.due_at < least($2::timestamptz, $3::timestamptz))';
const DONE = 'r.done_at is not null';
const ON_TIME = 'r.done_at is not null and r.done_at <= r.due_at';

const rate = (code: UnitIndicator, better: 'higher' | 'lower', name: [string, string], num: [string, string], den: [string, string], sql: string): IndicatorDef => ({
  code,
  subjects: ['units'],
  kind: 'rate',
  better,
  name: { zh: name[0], en: name[1] },
  numerator: { zh: num[0], en: num[1] },
  denominator: { zh: den[0], en: den[1] },
  sql: () => sql,
});

const SIGN_DEN: [string, string] = ['期内派给本单位的签收环节（时限内被改派的不计）', 'sign steps started for the unit in the period (not those redispatched before they were due)'];
const HANDLE_DEN: [string, string] = ['期内本单位开始办理的办理环节（时限内被改派的不计）', 'handling steps started for the unit in the period (not those taken back before they were due)'];
const SATISFIED = `('very_satisfied', 'satisfied', 'basically_satisfied')`;

export const UNIT_INDICATOR_DEFS: readonly IndicatorDef[] = [
  rate('sign_rate', 'higher', ['签收率', 'sign rate'], ['已签收的', 'those signed'], SIGN_DEN, `select r.unit_id::text as subject, r.order_id, ${DONE} as hit ${runs('sign')}`),
  rate(
    'sign_on_time_rate',
    'higher',
    ['按时签收率', 'on-time sign rate'],
    ['在签收时限内签收的', 'those signed within the sign limit'],
    ['同签收率，且已签收或已超时', 'as for the sign rate, once signed or past due'],
    `select r.unit_id::text as subject, r.order_id, ${ON_TIME} as hit ${runs('sign', SETTLED)}`,
  ),
  rate('completion_rate', 'higher', ['办结率', 'completion rate'], ['已办结反馈的', 'those handled and reported'], HANDLE_DEN, `select r.unit_id::text as subject, r.order_id, ${DONE} as hit ${runs('handle')}`),
  rate(
    'completion_on_time_rate',
    'higher',
    ['按时办结率', 'on-time completion rate'],
    ['在办理时限内（含批准的延期）反馈的', 'those reported within the handling limit (approved extensions included)'],
    ['同办结率，且已反馈或已超时', 'as for the completion rate, once reported or past due'],
    `select r.unit_id::text as subject, r.order_id, ${ON_TIME} as hit ${runs('handle', SETTLED)}`,
  ),
  rate(
    'rework_rate',
    'lower',
    ['返工率', 'rework rate'],
    ['反馈后又重新办理的（核查不通过、回访不满意重办、重新派遣）', 'those handled again after the report (failed check, dissatisfied callback, reopened)'],
    ['期内本单位反馈办结的办理环节', 'handling steps the unit reported done in the period'],
    `select r.unit_id::text as subject, r.order_id,
            exists (select 1 from order_step_runs n where n.order_id = r.order_id and n.step = 'handle' and n.id > r.id) as hit
       from order_step_runs r where r.step = 'handle' and r.unit_id is not null and r.done_at >= $1 and r.done_at < $2`,
  ),
  rate(
    'return_rate',
    'lower',
    ['退单率', 'return rate'],
    ['本单位退回指挥中心的', 'those the unit sent back to the centre'],
    ['期内派给本单位的签收环节（每次派遣）', 'sign steps started for the unit in the period (each dispatch)'],
    `select r.unit_id::text as subject, r.order_id,
            exists (select 1 from order_events e where e.order_id = r.order_id and e.action = 'return' and e.actor_unit_id = r.unit_id
                       and e.at >= r.started_at
                       and e.at < coalesce((select min(n.started_at) from order_step_runs n where n.order_id = r.order_id and n.step = 'sign' and n.id > r.id), 'infinity')) as hit
       from order_step_runs r where r.step = 'sign' and r.unit_id is not null and r.started_at >= $1 and r.started_at < $2`,
  ),
  rate(
    'extension_rate',
    'lower',
    ['延期率', 'extension rate'],
    ['办理中获批延期的', 'those granted an extension while handled'],
    HANDLE_DEN,
    `select r.unit_id::text as subject, r.order_id,
            exists (select 1 from order_events e where e.order_id = r.order_id and e.action = 'approve-extension'
                       and e.at >= r.started_at and e.at <= coalesce(r.done_at, r.withdrawn_at, 'infinity')) as hit
       ${runs('handle')}`,
  ),
  rate(
    'satisfaction_rate',
    'higher',
    ['满意率', 'satisfaction rate'],
    ['评价为非常满意、满意或基本满意的', 'those rated very satisfied, satisfied or basically satisfied'],
    ['期内回访评价的工单，记在回访前最后反馈办结的单位', 'orders rated at a callback in the period, counted for the unit that last reported them done'],
    `select h.unit_id::text as subject, e.order_id, e.data->>'satisfaction' in ${SATISFIED} as hit
       from order_events e
       cross join lateral (select r.unit_id from order_step_runs r where r.order_id = e.order_id and r.step = 'handle' and r.done_at <= e.at and r.unit_id is not null
                            order by r.done_at desc, r.id desc limit 1) h
      where e.action = 'callback' and e.at >= $1 and e.at < $2 and e.data ? 'satisfaction'`,
  ),
  {
    code: 'supervisions',
    subjects: ['units'],
    kind: 'count',
    better: 'lower',
    name: { zh: '被督办次数', en: 'supervisions received' },
    numerator: { zh: '期内对本单位的督办（自动催办与人工督办，各级）', en: 'supervisions of the unit in the period (automatic and manual, every level)' },
    denominator: { zh: '（计数指标）', en: '(a count)' },
    sql: () => `select e.data->>'unitId' as subject, e.order_id, true as hit
            from order_events e where e.action = 'supervise' and e.at >= $1 and e.at < $2 and e.data ? 'unitId'`,
  },
  rate(
    'accept_on_time_rate',
    'higher',
    ['按时受理率', 'on-time acceptance rate'],
    ['在受理时限内受理（立案、直接办结或不予受理）的', 'those accepted, answered or rejected within the accept limit'],
    ['期内进入本中心的受理环节，已受理或已超时', 'accept steps started at the centre in the period, once done or past due'],
    `select r.unit_id::text as subject, r.order_id, ${ON_TIME} as hit ${runs('accept', SETTLED)}`,
  ),
  rate(
    'dispatch_on_time_rate',
    'higher',
    ['按时派遣率', 'on-time dispatch rate'],
    ['在派遣时限内派出的', 'those dispatched within the dispatch limit'],
    ['期内本中心开始的派遣环节，已派遣或已超时', 'dispatch steps started at the centre in the period, once done or past due'],
    `select r.unit_id::text as subject, r.order_id, ${ON_TIME} as hit ${runs('dispatch', SETTLED)}`,
  ),
  rate(
    'direct_close_rate',
    'higher',
    ['直接办结率', 'direct-close rate'],
    ['由中心直接答复办结的（不派单）', 'those answered and closed by the centre itself (not dispatched)'],
    ['期内进入本中心受理的工单', 'orders that came to the centre for acceptance in the period'],
    `select r.unit_id::text as subject, r.order_id, exists (select 1 from order_events e where e.order_id = r.order_id and e.action = 'answer') as hit
       from order_step_runs r where r.step = 'accept' and r.unit_id is not null and r.started_at >= $1 and r.started_at < $2
        and r.id = (select min(f.id) from order_step_runs f where f.order_id = r.order_id and f.step = 'accept')`,
  ),
  rate('callback_rate', 'higher', ['回访率', 'callback rate'], ['已回访的', 'those called back'], ['期内本中心开始的回访环节', 'callback steps started at the centre in the period'], `select r.unit_id::text as subject, r.order_id, ${DONE} as hit ${runs('callback')}`),
];
