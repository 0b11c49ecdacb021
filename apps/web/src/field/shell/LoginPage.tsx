/** 网格员登录: signed in once for the shift (the session lasts 12 hours); signing in needs the network. */
import { useState } from 'react';
import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiFailure, call } from '../../shared/api.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useOnline } from './use-online.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const online = useOnline();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await call('auth.login', { body: v });
      await qc.invalidateQueries({ queryKey: ['me'] });
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : t('fieldApp.login.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="field-login">
      <div className="field-login-head">
        <img src="/field/icon.svg" alt="" width={64} height={64} />
        <h1>{t('fieldApp.app.title')}</h1>
        <p>{t('fieldApp.login.title')}</p>
      </div>
      {!online && <NoticeBar content={t('fieldApp.login.offline')} color="alert" />}
      <Form
        name="login"
        layout="vertical"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy}>
            {t('fieldApp.login.submit')}
          </Button>
        }
      >
        <Form.Item name="username" label={t('fieldApp.login.username')} rules={[{ required: true }]}>
          <Input autoComplete="username" clearable />
        </Form.Item>
        <Form.Item name="password" label={t('fieldApp.login.password')} rules={[{ required: true }]}>
          <Input type="password" autoComplete="current-password" />
        </Form.Item>
      </Form>
      {error && (
        <div role="alert" className="field-error">
          {error}
        </div>
      )}
      <div style={{ padding: 16 }}>
        <LanguageSwitch />
      </div>
    </div>
  );
}
