/** 中文 / English: every string of the console follows. */
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLang } from '../i18n.ts';

/** `inverse`: on the dark header, in white. */
export function LanguageSwitch({ inverse = false }: { inverse?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Button type="link" style={inverse ? { color: '#fff' } : undefined} onClick={() => setLang(i18n.language === 'en' ? 'zh-CN' : 'en')}>
      {t('layout.language')}
    </Button>
  );
}
