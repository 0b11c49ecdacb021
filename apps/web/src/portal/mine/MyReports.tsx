/**
 * 我的上报: the reports made with the signed-in number, newest first, ten at a time; each opens its public timeline
 * (the track page). Only public data: its state, class, words (phones masked), when, and whether it waits for a rating.
 */
import { Button, ErrorBlock, Space, Tag } from 'antd-mobile';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MyReport } from '@liandong/contracts';
import { call } from '../../shared/api.ts';
import { formatTime } from '../../shared/time.ts';

const PAGE_SIZE = 10;

export function MyReports() {
  const { t, i18n } = useTranslation();
  const reports = useInfiniteQuery({
    queryKey: ['portal', 'mine', i18n.language],
    queryFn: ({ pageParam }) => call('portal.myReports', { query: { page: pageParam, pageSize: PAGE_SIZE } }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const items = reports.data?.pages.flatMap((p) => p.items) ?? [];
  const total = reports.data?.pages[0]?.total ?? 0;
  return (
    <section aria-label={t('portal.mine.reports')}>
      <h2 className="portal-section-title">
        {t('portal.mine.reports')}
        {reports.data && <span className="portal-muted"> {t('portal.mine.count', { n: total })}</span>}
      </h2>
      {reports.data && items.length === 0 && <ErrorBlock status="empty" title={t('portal.mine.empty')} description={t('portal.mine.emptyHint')} />}
      <ul className="portal-mine-list">
        {items.map((r) => (
          <li key={r.trackingCode}>
            <ReportCard r={r} />
          </li>
        ))}
      </ul>
      {reports.hasNextPage && (
        <div className="portal-actions">
          <Button block loading={reports.isFetchingNextPage} onClick={() => void reports.fetchNextPage()}>
            {t('portal.mine.more')}
          </Button>
        </div>
      )}
    </section>
  );
}

function ReportCard({ r }: { r: MyReport }) {
  const { t } = useTranslation();
  return (
    <Link className="portal-card portal-mine-item" to={`/track/${r.trackingCode}`} state={{ from: '/mine' }}>
      <Space align="center" wrap style={{ '--gap': '6px' }}>
        <strong>{r.category ?? r.nature}</strong>
        <Tag color={r.finished ? 'success' : 'primary'} fill="solid">
          {r.state.label}
        </Tag>
        {r.canRate && <Tag color="warning">{t('portal.mine.toRate')}</Tag>}
        {r.joined && <Tag fill="outline">{t('portal.report.meToo')}</Tag>}
      </Space>
      <p className="portal-mine-text">{r.description}</p>
      <div className="portal-muted">
        {formatTime(r.reportedAt)} · {t('portal.mine.trackingCode', { code: r.trackingCode })}
      </div>
      {r.canRate && <div className="portal-muted">{t('portal.mine.rateHint')}</div>}
    </Link>
  );
}
