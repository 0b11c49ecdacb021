/** Message templates in the database: rendering for the outbox and the administrator's edits. */
import type { Queryable } from '@liandong/db';
import type { TemplateView } from '@liandong/contracts';
import { iso } from '../shared/wire.ts';
import { invalidField, notFound } from '../shared/errors.ts';
import type { MessageLang } from './notify.types.ts';
import { checkTemplateText, isTemplateCode, placeholdersFor, renderText, type TemplateVars } from './templates.rules.ts';

export const TEMPLATE = { zh: '消息模板', en: 'Message template' };

export interface RenderedMessage {
  subject: string;
  body: string;
}

/** Renders template `code` in `lang`, falling back to the other language if a deployment removed that one. */
export async function renderTemplate(q: Queryable, code: string, lang: MessageLang, vars: TemplateVars): Promise<RenderedMessage> {
  const r = await q.query<{ subject: string; body: string }>(
    `select subject, body from message_templates where code = $1 order by (lang = $2) desc limit 1`,
    [code, lang],
  );
  const t = r.rows[0];
  if (!t) throw notFound(TEMPLATE);
  return { subject: renderText(t.subject, vars), body: renderText(t.body, vars) };
}

export type { TemplateView };

export async function listTemplates(q: Queryable): Promise<TemplateView[]> {
  const r = await q.query<{ code: string; lang: MessageLang; subject: string; body: string; updated_at: Date }>(
    `select code, lang, subject, body, updated_at from message_templates order by code, lang desc`,
  );
  return r.rows.map((t) => ({
    code: t.code,
    lang: t.lang,
    subject: t.subject,
    body: t.body,
    placeholders: isTemplateCode(t.code) ? [...placeholdersFor(t.code)] : [],
    updatedAt: iso(t.updated_at),
  }));
}

/** Replaces a template's texts after checking their placeholders; 400 names the field at fault. */
export async function updateTemplate(
  q: Queryable,
  code: string,
  lang: MessageLang,
  texts: { subject: string; body: string },
  by: number,
): Promise<TemplateView> {
  if (!isTemplateCode(code)) throw notFound(TEMPLATE);
  for (const field of ['subject', 'body'] as const) {
    const problem = checkTemplateText(code, texts[field]);
    if (!problem) continue;
    const known = placeholdersFor(code).map((n) => `{{${n}}}`).join(' ');
    if (problem.kind === 'empty') throw invalidField(field, '不能为空', 'must not be empty');
    if (problem.kind === 'unknown_placeholder') {
      throw invalidField(field, `模板 ${code} 没有占位符 {{${problem.name}}}，可用：${known}`, `template ${code} has no placeholder {{${problem.name}}}; known: ${known}`);
    }
    throw invalidField(field, `占位符格式错误：“${problem.fragment}”，应为 {{名称}}`, `malformed placeholder "${problem.fragment}"; write {{name}}`);
  }
  const r = await q.query<{ updated_at: Date }>(
    `update message_templates set subject = $3, body = $4, updated_at = now(), updated_by = $5
      where code = $1 and lang = $2 returning updated_at`,
    [code, lang, texts.subject, texts.body, by],
  );
  if (r.rows.length === 0) throw notFound(TEMPLATE);
  return { code, lang, ...texts, placeholders: [...placeholdersFor(code)], updatedAt: iso(r.rows[0]!.updated_at) };
}
