/** i18next with zh-CN by default and English on the switch; the choice is remembered in this browser. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, zhCN } from './locales.ts';

export type Lang = 'zh-CN' | 'en';
const KEY = 'liandong.lang';

export function initialLang(): Lang {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLang(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function setLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** A label pair from contracts' vocabulary, in the current language. */
export const pick = (l: { zh: string; en: string }, lang: string): string => (lang === 'en' ? l.en : l.zh);
/** A catalogue row's or unit's name in the language: the English one when there is one. */
export const localName = (x: { name: string; nameEn: string | null }, lang: string): string => (lang === 'en' && x.nameEn ? x.nameEn : x.name);

export default i18n;
