/** 随手拍: report a problem, or follow one by its tracking code; 我的 (the tab) for the reports of one's number. */
import { useState } from 'react';
import { Button, Form, Input } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../shared/FormAlert.tsx';
import { PhoneLanguageSwitch } from '../shared/PhoneLanguageSwitch.tsx';
import { PortalTabs } from './PortalTabs.tsx';

const CODE = /^Q[0-9A-HJKMNP-TV-Z]{10}$/;

export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ code?: string }>();
  const look = () => {
    const code = (form.getFieldValue('code') ?? '').trim().toUpperCase();
    if (!CODE.test(code)) return setError(t('portal.home.badCode'));
    navigate(`/track/${code}`);
  };
  return (
    <div className="portal-tabbed">
      <header className="portal-head">
        <h1>{t('portal.app.title')}</h1>
        <p>{t('portal.app.subtitle')}</p>
      </header>
      <section className="portal-card" aria-label={t('portal.home.report')}>
        <h2>{t('portal.home.report')}</h2>
        <p className="portal-muted">{t('portal.home.reportHint')}</p>
        <Button block color="primary" size="large" onClick={() => navigate('/report')}>
          {t('portal.home.report')}
        </Button>
      </section>
      <section className="portal-card" aria-label={t('portal.home.track')}>
        <h2>{t('portal.home.track')}</h2>
        <p className="portal-muted">{t('portal.home.trackHint')}</p>
        <Form form={form} name="track" layout="vertical" onFinish={look} footer={<Button block type="submit" size="large">{t('portal.home.go')}</Button>}>
          <Form.Item name="code" label={t('portal.home.code')}>
            <Input placeholder="Q7K2M9XD4TB" autoCapitalize="characters" />
          </Form.Item>
        </Form>
        <FormAlert message={error} />
      </section>
      <div className="portal-lang">
        <PhoneLanguageSwitch label="语言 Language" />
      </div>
      <PortalTabs />
    </div>
  );
}
