/**
 * The big screen's own i18next (the console's words stay out of its bundle): zh-CN, or English with `lang=en` in
 * the screen's address — a wall has no one to press a switch.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { screenEn, screenZh } from './screen.locales.ts';

export const screenLang = (): 'zh-CN' | 'en' => (new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN');

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: { screen: screenZh } }, en: { translation: { screen: screenEn } } },
  lng: screenLang(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = screenLang();

export default i18n;
