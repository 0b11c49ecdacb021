import { Selector } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { setLang, type Lang } from '../../i18n.ts';

/** 中文 / English, remembered on this phone. */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <div role="group" aria-label={t('fieldApp.mine.lang')}>
      <Selector
        columns={2}
        value={[i18n.language === 'en' ? 'en' : 'zh-CN']}
        onChange={(v) => v[0] && setLang(v[0] as Lang)}
        options={[
          { label: '中文', value: 'zh-CN' },
          { label: 'English', value: 'en' },
        ]}
      />
    </div>
  );
}
