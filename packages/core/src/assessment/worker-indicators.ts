/**
 * 网格员考核指标 (after the reference's 监督员 formulas): a grid worker's reports — the orders he registered — and
 * the verifications (核实) and checks (核查) of the grids he covers (user_scopes), each run counted for every
 * worker of its grid. A report is valid (有效) unless rejected (不予受理; a failed verification ends there too) or
 * voided; important (重要) when urgent or critical.
 */
import type { AssessmentSubject, IndicatorCode } from '@liandong/contracts';
import type { IndicatorDef } from './indicator.types.ts';

const WORKERS: AssessmentSubject[] = ['grid-workers'];
const REPORTS = `from orders o join user_roles ur on ur.user_id = o.created_by and ur.role = 'grid_worker'
                 where o.created_at >= $1 and o.created_at < $2`;
const VALID = `o.state not in ('rejected', 'voided')`;

/** Runs of a grid step started in the period and settled, counted for each worker of the grid. */
const gridRuns = (step: 'verify' | 'check') =>
  `select us.user_id::text as subject, r.order_id, r.done_at is not null and r.done_at <= r.due_at as hit
     from order_step_runs r
     join user_scopes us on us.area_code = r.grid_code
     join user_roles ur on ur.user_id = us.user_id and ur.role = 'grid_worker'
    where r.step = '${step}' and r.started_at >= $1 and r.started_at < $2
      and (r.withdrawn_at is null or r.withdrawn_at > r.due_at)
      and (r.done_at is not null or r.due_at < least($2::timestamptz, $3::timestamptz))`;

const def = (code: IndicatorCode, kind: 'rate' | 'count', name: [string, string], num: [string, string], den: [string, string], sql: string): IndicatorDef => ({
  code,
  subjects: WORKERS,
  kind,
  better: 'higher',
  name: { zh: name[0], en: name[1] },
  numerator: { zh: num[0], en: num[1] },
  denominator: { zh: den[0], en: den[1] },
  sql: () => sql,
});

export const WORKER_INDICATOR_DEFS: readonly IndicatorDef[] = [
  def('reports', 'count', ['上报数', 'reports'], ['期内本人上报的工单', 'orders he reported in the period'], ['（计数指标）', '(a count)'], `select o.created_by::text as subject, o.id as order_id, true as hit ${REPORTS}`),
  def(
    'valid_report_rate',
    'rate',
    ['有效上报率', 'valid-report rate'],
    ['经受理立案的（未被不予受理或作废）', 'those taken up (not rejected or voided)'],
    ['期内本人上报的工单', 'orders he reported in the period'],
    `select o.created_by::text as subject, o.id as order_id, ${VALID} as hit ${REPORTS}`,
  ),
  def(
    'important_share',
    'rate',
    ['重要事件占比', 'share of important events'],
    ['紧急或特急的', 'those urgent or critical'],
    ['期内本人上报的有效工单', 'his valid reports in the period'],
    `select o.created_by::text as subject, o.id as order_id, o.urgency in ('urgent', 'critical') as hit ${REPORTS} and ${VALID}`,
  ),
  def('verify_on_time_rate', 'rate', ['按时核实率', 'on-time verification rate'], ['在核实时限内核实的', 'those verified within the limit'], ['期内所负责网格开始的核实环节，已核实或已超时', 'verifications started in his grids in the period, once done or past due'], gridRuns('verify')),
  def('check_on_time_rate', 'rate', ['按时核查率', 'on-time check rate'], ['在核查时限内核查的', 'those checked within the limit'], ['期内所负责网格开始的核查环节，已核查或已超时', 'checks started in his grids in the period, once done or past due'], gridRuns('check')),
];

/** Valid reports per worker in the period, for the quota (定额). */
export const validReportsSql = `select o.created_by::text as subject, count(*)::int as n ${REPORTS} and ${VALID} group by 1`;
