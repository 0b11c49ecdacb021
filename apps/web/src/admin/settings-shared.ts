/** What the settings pages share: the supervision levels, a template's name, a refusal's words. */
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

/** The refusal's words, or the console's own when the server gave none. */
export const failureText = (e: unknown, t: TFunction): string => (e instanceof ApiFailure ? e.message : t('error.unknown'));
