/** The field app's words join the shared i18next instance (zh-CN default, the choice remembered: ../i18n.ts). */
import i18n from '../i18n.ts';
import { fieldEn, fieldZh } from './field.locales.ts';

i18n.addResourceBundle('zh-CN', 'translation', { fieldApp: fieldZh }, true, true);
i18n.addResourceBundle('en', 'translation', { fieldApp: fieldEn }, true, true);

export default i18n;
