/**
 * A refusal shown where it belongs: next to the field the server named (`scopeUnitIds[1]` → the scopeUnitIds
 * control), or, when the form has no such control, above the form.
 */
import type { FormInstance } from 'antd';
import i18n from '../i18n.ts';
import { ApiFailure } from './api.ts';

export function showFormError(form: FormInstance, e: unknown, fields: readonly string[], setError: (message: string | null) => void): void {
  const message = e instanceof ApiFailure ? e.message : i18n.t('error.unknown');
  const field = e instanceof ApiFailure && e.field ? e.field.replace(/^\//, '').split(/[.[/]/)[0]! : undefined;
  if (field && fields.includes(field)) {
    form.setFields([{ name: field, errors: [message] }]);
    setError(null);
  } else setError(message);
}
