/**
 * 办理结果评价: the call-back link a citizen gets by SMS opens here, as a page — the order's result, then his rating
 * (and whether the problem is solved; if not, it is handled again). The link answers once.
 */
import { useState } from 'react';
import { Button, Checkbox, ErrorBlock, Form, Result, Selector, TextArea } from 'antd-mobile';
import { PortalNavBar } from '../PortalNavBar.tsx';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../shared/FormAlert.tsx';
import { SATISFACTION_LABELS, SATISFACTIONS, type Satisfaction } from '@liandong/contracts';
import { ApiFailure, call } from '../../shared/api.ts';
import { pick } from '../../i18n.ts';

export function RatePage() {
  const { t, i18n } = useTranslation();
  const { token } = useParams();
  const navigate = useNavigate();
  const link = useQuery({ queryKey: ['portal', 'rate', token], queryFn: () => call('public.callbackLink', { params: { token: token! } }), retry: false });
  const [form] = Form.useForm<{ satisfaction: Satisfaction[]; substantive?: boolean; comment?: string }>();
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const l = link.data;
  const send = async () => {
    const v = form.getFieldsValue();
    const satisfaction = v.satisfaction?.[0];
    if (!satisfaction) return setError(t('portal.rate.choose'));
    try {
      await call('public.answerCallback', {
        params: { token: token! },
        body: { satisfaction, ...(v.substantive ? { substantive: true } : {}), ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) },
      });
      setDone(true);
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : t('error.unknown'));
    }
  };
  const dissatisfied = (Form.useWatch('satisfaction', form) ?? [])[0]?.includes('dissatisfied');
  return (
    <>
      <PortalNavBar onBack={() => navigate('/')}>{t('portal.rate.title')}</PortalNavBar>
      {link.error && <ErrorBlock status="empty" title={t('portal.rate.closed')} description="" />}
      {done && <Result status="success" title={t('portal.rate.thanks')} />}
      {l && !done && (
        <>
          <section className="portal-card" aria-label={t('portal.rate.result')}>
            <div className="portal-muted">{l.orderCode}</div>
            <p>{l.description}</p>
            {l.result && (
              <>
                <h2>{t('portal.rate.result')}</h2>
                <p>{l.result}</p>
              </>
            )}
          </section>
          {l.answered || !l.open ? (
            <Result status="info" title={l.answered ? t('portal.rate.answered') : t('portal.rate.closed')} />
          ) : (
            <>
              <Form form={form} name="rate" layout="vertical">
                <Form.Item name="satisfaction" label={t('portal.rate.choose')}>
                  <Selector columns={1} options={SATISFACTIONS.map((s) => ({ label: pick(SATISFACTION_LABELS[s], i18n.language), value: s }))} />
                </Form.Item>
                {dissatisfied && (
                  <Form.Item name="substantive" valuePropName="checked">
                    <Checkbox>{t('portal.rate.substantive')}</Checkbox>
                  </Form.Item>
                )}
                <Form.Item name="comment" label={t('portal.rate.comment')}>
                  <TextArea rows={3} maxLength={1000} />
                </Form.Item>
              </Form>
              <FormAlert message={error} />
              <div className="portal-actions">
                <Button block color="primary" size="large" onClick={() => void send()}>
                  {t('portal.rate.submit')}
                </Button>
              </div>
            </>
          )}
        </>
      )}
    </>
  );
}
