/** 随手拍: report a problem, or follow one by its tracking code. */
import { useState } from 'react';
import { Button, Form, Input, Selector } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { setLang, type Lang } from '../i18n.ts';

const CODE = /^Q[0-9A-HJKMNP-TV-Z]{10}$/;

export function HomePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ code?: string }>();
  const look = () => {
    const code = (form.getFieldValue('code') ?? '').trim().toUpperCase();
    if (!CODE.test(code)) return setError(t('portal.home.badCode'));
    navigate(`/track/${code}`);
  };
  return (
    <>
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
        {error && (
          <div role="alert" className="portal-error">
            {error}
          </div>
        )}
      </section>
      <div className="portal-lang" role="group" aria-label="语言 Language">
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
    </>
  );
}
