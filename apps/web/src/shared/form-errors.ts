/**
 * A refusal of the server shown where it belongs: next to the form field it names, or, when the form has no such
 * field, above the form. `config.url` is the item ['config', 'url']; `scopeUnitIds[1]` is the scopeUnitIds control;
 * `units[2].unitId` is the unitId control of the list `units`' third row;
 * `alias` renames a server field the form asks for differently. Beside the field its name is not said again:
 * 「字段 config.url：应为 http(s) 网址」 reads 「应为 http(s) 网址」 there.
 */
import i18n from '../i18n.ts';
import { ApiFailure } from './api.ts';

/**
 * A form whose fields can be given errors: antd's in the console, antd-mobile's in the phone apps. Each types its
 * field names by its values; the name here comes from the server's answer, so the entry is passed as checked above.
 */
export interface FieldErrorTarget {
  setFields(fields: never[]): void;
}

/** Answers false when no field of `fields` is meant, for the caller to show the refusal elsewhere. */
export function showFieldError(form: FieldErrorTarget, e: unknown, fields: readonly string[], alias: Readonly<Record<string, string>> = {}): boolean {
  if (!(e instanceof ApiFailure) || !e.field) return false;
  const path = e.field.replace(/^\//, '').replace(/\//g, '.');
  const named = alias[path] ?? path;
  const field = fields.find((f) => f === named || f === named.replace(/\[\d+\]$/, ''));
  // A field of one row of a list (`units[2].unitId`) goes to that row's control.
  const row = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(named);
  const name = field ? field.split('.') : row && fields.includes(row[1]!) ? [row[1]!, Number(row[2]), row[3]!] : null;
  if (!name) return false;
  const prefix = [`字段 ${path}：`, `请求体字段 ${path} `, `Field ${path}: `, `Field ${path} `].find((p) => e.message.startsWith(p));
  form.setFields([{ name, errors: [prefix ? e.message.slice(prefix.length) : e.message] }] as never[]);
  return true;
}

/** The refusal next to its field, else in `setError` (cleared when it went to a field). */
export function showFormError(form: FieldErrorTarget, e: unknown, fields: readonly string[], setError: (message: string | null) => void): void {
  if (showFieldError(form, e, fields)) setError(null);
  else setError(e instanceof ApiFailure ? e.message : i18n.t('error.unknown'));
}
