import { Selector } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { setLang, type Lang } from '../i18n.ts';

/** 中文 / English on the phone apps, remembered on this phone; `label` names the group for assistive technology. */
export function PhoneLanguageSwitch({ label }: { label: string }) {
  const { i18n } = useTranslation();
  return (
    <div role="group" aria-label={label}>
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
