/**
 * 手机号登录: the number, 获取验证码 (then a countdown before another), the six digits of the SMS, 登录. A refusal
 * naming a field is shown at it; a limit (429) above the button.
 */
import { useEffect, useState } from 'react';
import { Button, Form, Input } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/api.ts';
import { FormAlert } from '../../shared/FormAlert.tsx';
import { showFormError } from '../../shared/form-errors.ts';
import { useCitizenChanged } from './use-citizen.ts';

interface Values {
  phone?: string;
  code?: string;
}

const MOBILE = /^1[3-9][0-9]{9}$/;
const FIELDS = ['phone', 'code'] as const;

export function SignInForm() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const changed = useCitizenChanged();
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [left, setLeft] = useState(0);
  const [busy, setBusy] = useState<'code' | 'sign-in' | null>(null);

  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);

  const phone = () => (form.getFieldValue('phone') ?? '').replace(/\s/g, '');
  const fieldError = (name: (typeof FIELDS)[number], message: string) => form.setFields([{ name, errors: [message] }]);
  const clear = () => {
    setError(null);
    form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
  };

  const askCode = async () => {
    clear();
    if (!MOBILE.test(phone())) return fieldError('phone', t('portal.mine.badPhone'));
    setBusy('code');
    try {
      const sent = await call('portal.requestCode', { body: { phone: phone() } });
      setSentTo(sent.phone);
      setLeft(sent.resendInSeconds);
    } catch (e) {
      showFormError(form, e, FIELDS, setError);
    } finally {
      setBusy(null);
    }
  };

  const signIn = async () => {
    clear();
    const code = (form.getFieldValue('code') ?? '').replace(/\s/g, '');
    if (!MOBILE.test(phone())) return fieldError('phone', t('portal.mine.badPhone'));
    if (!/^\d{6}$/.test(code)) return fieldError('code', t('portal.mine.badCode'));
    setBusy('sign-in');
    try {
      changed(await call('portal.signIn', { body: { phone: phone(), code } }));
    } catch (e) {
      showFormError(form, e, FIELDS, setError);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="portal-card" aria-label={t('portal.mine.signInTitle')}>
      <h2>{t('portal.mine.signInTitle')}</h2>
      <p className="portal-muted">{t('portal.mine.signInHint')}</p>
      <Form
        form={form}
        name="citizen-sign-in"
        layout="vertical"
        onFinish={() => void signIn()}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy === 'sign-in'}>
            {t('portal.mine.signIn')}
          </Button>
        }
      >
        <Form.Item name="phone" label={t('portal.mine.phone')}>
          <Input type="tel" inputMode="numeric" autoComplete="tel-national" maxLength={11} clearable placeholder={t('portal.mine.phonePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('portal.mine.code')}
          extra={
            <Button size="small" color="primary" fill="outline" disabled={left > 0} loading={busy === 'code'} onClick={() => void askCode()}>
              {left > 0 ? t('portal.mine.resend', { s: left }) : t('portal.mine.getCode')}
            </Button>
          }
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder={t('portal.mine.codePlaceholder')} />
        </Form.Item>
      </Form>
      {sentTo && (
        <p className="portal-sent" role="status">
          {t('portal.mine.codeSent', { phone: sentTo })}
        </p>
      )}
      <FormAlert message={error} />
      <p className="portal-muted">{t('portal.mine.privacy')}</p>
    </section>
  );
}
