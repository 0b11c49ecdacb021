/** 网格员登录: signed in once for the shift (the session lasts 12 hours); signing in needs the network. */
import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useSignIn } from '../../auth/session.ts';
import { FormAlert } from '../../shared/FormAlert.tsx';
import { PhoneLanguageSwitch } from '../../shared/PhoneLanguageSwitch.tsx';
import { useOnline } from './use-online.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const online = useOnline();
  const { submit, error, busy } = useSignIn(t('fieldApp.login.failed'));
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
      <FormAlert message={error} />
      <div style={{ padding: 16 }}>
        <PhoneLanguageSwitch label={t('fieldApp.mine.lang')} />
      </div>
    </div>
  );
}
