/**
 * Message templates (消息模板): texts with {{placeholders}}. Pure: rendering and the check an administrator's
 * edit must pass. The placeholders each template may use are fixed here because the code that enqueues a
 * message supplies exactly these values; a template naming anything else would render a hole.
 */
export type TemplateVars = Readonly<Record<string, string | number | null | undefined>>;

export const TEMPLATE_PLACEHOLDERS = {
  'supervision.reminder': ['orderCode', 'unitName', 'step', 'dueAt', 'timing'], // 电子催办
  'supervision.assigned': ['orderCode', 'unitName', 'supervisorName', 'note', 'dueAt'], // 人工交办
  'supervision.onsite': ['orderCode', 'unitName', 'supervisorName', 'address', 'note'], // 现场督办
  'supervision.sms': ['orderCode', 'unitName', 'leaderName', 'step', 'dueAt', 'timing'], // 短信督办
  'supervision.special_report': ['orderCode', 'unitName', 'summary', 'dueAt'], // 专报批办
  'order.escalated': ['orderCode', 'fromUnit', 'toUnit', 'reason'], // 上推
  'order.verify': ['orderCode', 'unitName', 'address', 'note'], // 派核实
  'order.dispatched': ['orderCode', 'unitName', 'role', 'description', 'note'], // 派单: to the unit's inbox
  'order.request': ['orderCode', 'kind', 'reason'], // 待审批: to the dispatching centre's inbox
  'citizen.accepted': ['orderCode'], // 受理告知 (SMS)
  'citizen.rejected': ['orderCode', 'reason'], // 不予受理告知
  'citizen.answered': ['orderCode', 'answer'], // 直接答复
  'citizen.closed': ['orderCode'], // 办结告知
  'citizen.merged': ['orderCode', 'intoOrderCode'], // 并单告知
  'callback.request': ['orderCode', 'link'], // 回访
  'citizen.sign_in_code': ['code', 'minutes'], // 随手拍登录验证码 (portal/citizen-sign-in.ts)
  'supervision.instruction': ['orderCode', 'unitName', 'leaderName', 'instruction'], // 领导批示
  'order.reopened': ['orderCode', 'unitName', 'reason'], // 重办
  'warning.raised': ['title', 'explanation'], // 预警 (warnings/run-warnings.ts)
} as const satisfies Record<string, readonly string[]>;

/**
 * What every supervision level's message may say (raise-supervision.ts supplies all of these): a level added
 * by data (supervision_levels) has its templates under 'supervision.<name>' with these placeholders.
 */
export const SUPERVISION_PLACEHOLDERS = ['orderCode', 'unitName', 'step', 'dueAt', 'timing', 'supervisorName', 'note', 'address', 'leaderName', 'summary'] as const;

/** A built-in template, or a supervision level's template added by data. */
export type TemplateCode = keyof typeof TEMPLATE_PLACEHOLDERS | `supervision.${string}`;

export function isTemplateCode(code: string): code is TemplateCode {
  return Object.hasOwn(TEMPLATE_PLACEHOLDERS, code) || /^supervision\.[a-z0-9_]{1,40}$/.test(code);
}

/** The placeholders a template may use. */
export function placeholdersFor(code: TemplateCode): readonly string[] {
  return Object.hasOwn(TEMPLATE_PLACEHOLDERS, code) ? TEMPLATE_PLACEHOLDERS[code as keyof typeof TEMPLATE_PLACEHOLDERS] : SUPERVISION_PLACEHOLDERS;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Replaces each {{name}} with its value; a missing value renders empty rather than leaving braces in an SMS. */
export function renderText(text: string, vars: TemplateVars): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const v = Object.hasOwn(vars, name) ? vars[name] : undefined;
    return v == null ? '' : String(v);
  });
}

/** The placeholder names a text uses, in order of first appearance. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export type TemplateProblem =
  | { kind: 'unknown_placeholder'; name: string }
  | { kind: 'malformed'; fragment: string }
  | { kind: 'empty' };

/** What is wrong with a template text for `code`, or null. */
export function checkTemplateText(code: TemplateCode, text: string): TemplateProblem | null {
  if (text.trim() === '') return { kind: 'empty' };
  const known = placeholdersFor(code);
  const unknown = placeholdersOf(text).find((n) => !known.includes(n));
  if (unknown) return { kind: 'unknown_placeholder', name: unknown };
  // Braces left after the well-formed placeholders are removed are a typo such as {{orderCode} or {{ 单位 }}.
  const rest = text.replace(PLACEHOLDER, '');
  const bad = rest.match(/\{\{[^}]{0,20}|[^{]{0,20}\}\}/);
  if (bad) return { kind: 'malformed', fragment: bad[0] };
  return null;
}
