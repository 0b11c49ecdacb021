/** What the settings pages share: the supervision levels, a template's name, the server's refusal shown next to its field. */
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useQuery } from '@tanstack/react-query';
import type { SupervisionLevelView } from '@liandong/contracts';
import { ApiFailure, call } from '../shared/api.ts';
import { pick } from '../i18n.ts';

export function useSupervisionLevels(lang: string) {
  return useQuery({ queryKey: ['supervision-levels', lang], queryFn: () => call('supervision.listLevels'), staleTime: 600_000 });
}

/**
 * A template's name in the reader's language: the built-in ones from the catalogue, a level added by data by
 * the level's own name (GET /supervision/levels), else its code.
 */
export function templateName(code: string, t: TFunction, i18nExists: (key: string) => boolean, levels: readonly SupervisionLevelView[] | undefined, lang: string): string {
  const key = `admin.settings.templates.names.${code.replace(/\./g, '_')}`;
  if (i18nExists(key)) return t(key);
  const level = levels?.find((l) => l.template === code);
  return level ? pick({ zh: level.nameZh, en: level.nameEn }, lang) : code;
}

/**
 * Shows a refusal of the server next to the form field it names (`config.url` is the item named
 * ['config', 'url']; `alias` renames a server field the form asks for differently); answers false when no
 * field of `fields` is meant, for the caller to show the refusal above the form instead.
 */
export function showFieldError(form: FormInstance, e: unknown, fields: readonly string[], alias: Readonly<Record<string, string>> = {}): boolean {
  if (!(e instanceof ApiFailure) || !e.field) return false;
  const path = e.field.replace(/^\//, '').replace(/\//g, '.');
  const field = fields.find((f) => f === (alias[path] ?? path));
  if (!field) return false;
  // Beside the field its name is said: 「字段 config.url：应为 http(s) 网址」 reads 「应为 http(s) 网址」 there.
  const prefix = [`字段 ${path}：`, `请求体字段 ${path} `, `Field ${path}: `, `Field ${path} `].find((p) => e.message.startsWith(p));
  form.setFields([{ name: field.split('.'), errors: [prefix ? e.message.slice(prefix.length) : e.message] }]);
  return true;
}

/** The refusal's words, or the console's own when the server gave none. */
export const failureText = (e: unknown, t: TFunction): string => (e instanceof ApiFailure ? e.message : t('error.unknown'));
