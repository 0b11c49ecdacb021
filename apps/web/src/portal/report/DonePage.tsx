/** 提交成功: the tracking code to keep, and whether a call-back will come. */
import { Button, Result } from 'antd-mobile';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReportReceipt } from '@liandong/contracts';

export function DonePage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const receipt = useLocation().state as ReportReceipt | null;
  const navigate = useNavigate();
  return (
    <>
      <Result status="success" title={t('portal.done.title')} description={t('portal.done.keep')} />
      <section className="portal-card" aria-label={t('portal.done.code')}>
        <div className="portal-muted">{t('portal.done.code')}</div>
        <div className="portal-code">{code}</div>
        {receipt?.callback && <p className="portal-muted">{t('portal.done.callback')}</p>}
      </section>
      <div className="portal-actions">
        <Button size="large" onClick={() => navigate('/report')}>
          {t('portal.done.again')}
        </Button>
        <Button size="large" color="primary" onClick={() => navigate(`/track/${code}`)}>
          {t('portal.done.track')}
        </Button>
      </div>
    </>
  );
}
