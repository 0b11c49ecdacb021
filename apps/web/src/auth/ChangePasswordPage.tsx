/**
 * 修改初始密码: someone signed in with a one-time password (a new account, a reset) chooses his own before anything
 * else — the server refuses every other call until he does. The new one is typed twice; refusals show by the field.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { showFormError } from '../shared/form-errors.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { useSignOut } from './session.ts';

const MIN_LENGTH = 12;

export function ChangePasswordPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const signOut = useSignOut();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    try {
      await call('auth.changePassword', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      await qc.invalidateQueries({ queryKey: ['me'] });
    } catch (e) {
      showFormError(form, e, ['currentPassword', 'newPassword'], setError);
    } finally {
      setBusy(false);
    }
  };
  const required = (field: string) => ({ required: true, message: t('login.required', { field }) });
  return (
    <div className="login-page">
      <Card className="login-card">
        <div className="login-switch">
          <LanguageSwitch />
        </div>
        <Typography.Title level={3}>{t('password.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('password.hint', { name: me.displayName, n: MIN_LENGTH })}</Typography.Paragraph>
        <Form form={form} name="password" layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('password.current')} name="currentPassword" rules={[required(t('password.current'))]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item label={t('password.new')} name="newPassword" rules={[required(t('password.new')), { min: MIN_LENGTH, message: t('password.tooShort', { n: MIN_LENGTH }) }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('password.confirm')}
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              required(t('password.confirm')),
              ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))) }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('password.submit')}
            </Button>
            <Button block onClick={() => void signOut()}>
              {t('layout.signOut')}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
