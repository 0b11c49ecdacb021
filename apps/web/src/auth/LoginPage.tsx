/** 登录: username and password; the server sets the session cookie. Errors appear in the form, in the user's language. */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignIn } from './session.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const { submit, error, busy } = useSignIn(t('login.failed'));
  return (
    <div className="login-page">
      <Card className="login-card">
        <div className="login-switch">
          <LanguageSwitch />
        </div>
        <Typography.Title level={3}>{t('login.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
