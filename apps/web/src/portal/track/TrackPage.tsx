/** 办理进度: a report's public timeline by its tracking code — its steps, the departments and public replies, no person. */
import { ErrorBlock, Image, List, Space, Steps, Tag } from 'antd-mobile';
import { PortalNavBar } from '../PortalNavBar.tsx';
import { useQuery } from '@tanstack/react-query';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SATISFACTION_LABELS } from '@liandong/contracts';
import { ApiFailure, call } from '../../shared/api.ts';
import { pick } from '../../i18n.ts';
import { formatTime } from '../../shared/time.ts';

export function TrackPage() {
  const { t, i18n } = useTranslation();
  const { code } = useParams();
  const navigate = useNavigate();
  // Opened from 我的上报, back goes there.
  const from = (useLocation().state as { from?: string } | null)?.from === '/mine' ? '/mine' : '/';
  const report = useQuery({ queryKey: ['portal', 'track', code, i18n.language], queryFn: () => call('portal.track', { params: { code: code! } }), refetchInterval: 60_000 });
  const r = report.data;
  const missing = report.error instanceof ApiFailure && report.error.status === 404;
  return (
    <>
      <PortalNavBar onBack={() => navigate(from)}>{t('portal.track.title')}</PortalNavBar>
      {missing && <ErrorBlock status="empty" title={t('portal.track.notFound')} description={code} />}
      {r && (
        <>
          <section className="portal-card" aria-label={r.trackingCode}>
            <Space align="center" wrap>
              <span className="portal-code" style={{ fontSize: 22, margin: 0 }}>
                {r.trackingCode}
              </span>
              <Tag color={r.finished ? 'success' : 'primary'} fill="solid">
                {r.state.label}
              </Tag>
            </Space>
            <p>{r.description}</p>
            <div className="portal-muted">{[r.category, r.address].filter(Boolean).join(' · ')}</div>
          </section>
          <List>
            <List.Item extra={formatTime(r.reportedAt)}>{t('portal.track.reported')}</List.Item>
            <List.Item extra={r.reporters}>{t('portal.track.reporters')}</List.Item>
            {r.satisfaction && <List.Item extra={pick(SATISFACTION_LABELS[r.satisfaction], i18n.language)}>{t('portal.track.satisfaction')}</List.Item>}
          </List>
          {r.photos.length > 0 && (
            <section className="portal-card" aria-label={t('portal.track.photos')}>
              <Space wrap>
                {r.photos.map((p, i) => (
                  <Image key={p.id} src={p.url} width={96} height={96} fit="cover" alt={`${t('portal.track.photos')} ${i + 1}`} />
                ))}
              </Space>
            </section>
          )}
          <section className="portal-card" aria-label={t('portal.track.steps')}>
            <h2>{t('portal.track.steps')}</h2>
            <Steps direction="vertical" current={r.steps.length - 1}>
              {r.steps.map((s, i) => (
                <Steps.Step key={i} title={s.label} description={[formatTime(s.at), s.unit, s.reply].filter(Boolean).join(' · ')} status={i === r.steps.length - 1 && !r.finished ? 'process' : 'finish'} />
              ))}
            </Steps>
          </section>
        </>
      )}
    </>
  );
}
