/** The portal's words join the shared i18next instance (zh-CN default, the choice remembered: ../i18n.ts). */
import i18n from '../i18n.ts';
import { portalEn, portalZh } from './portal.locales.ts';

i18n.addResourceBundle('zh-CN', 'translation', { portal: portalZh }, true, true);
i18n.addResourceBundle('en', 'translation', { portal: portalEn }, true, true);

export default i18n;
