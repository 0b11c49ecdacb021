/**
 * Which reporter rows are one caller's (来电人): the one home of "the same phone" for staff searches — the order
 * list by phone, the caller's history and the repeated-caller warning. The same number is the same text, or the
 * same mainland mobile as `liandong_mobile` reads it (migration 0033: 139-1234-5678, +8613912345678). An anonymous
 * reporter is never found by his number (匿名: a search would unmask him); a reporter carried over from a merged
 * duplicate (source_order_id) is the same call seen twice, so it is not a call of its own.
 */

/** SQL: reporter row `r` is the caller whose number is the parameter `param` (e.g. `$3`). */
export function callerRowsSql(r: string, param: string): string {
  return `not ${r}.anonymous and (${r}.phone = ${param} or liandong_mobile(${r}.phone) = liandong_mobile(${param}))`;
}

/** SQL: reporter row `r` is a call of its own (not one carried over from a merged duplicate). */
export function ownCallSql(r: string): string {
  return `${r}.source_order_id is null`;
}
