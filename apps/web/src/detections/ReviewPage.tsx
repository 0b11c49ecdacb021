/**
 * 事件审核 for operators, dispatchers and shift leads (events.review): the folds of detections of review types in
 * the reader's area, newest first — snapshot, type, device, place, highest confidence, how many detections folded,
 * first and last seen — each confirmed into an order (确认立案, with a link to it) or dismissed (忽略). Waiting
 * detections are read again every 15 seconds and when the window regains focus; the queue's count in the menu
 * follows the same query.
 */
import { useState } from 'react';
import { App, Button, Card, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { DetectionView } from '@liandong/contracts';
import { ApiFailure, call } from '../shared/api.ts';
import { formatTime, percent } from '../shared/labels.tsx';
import { Snapshot } from './Snapshot.tsx';
import { useDetections } from './use-detections.ts';

type Status = DetectionView['status'];

/** What waits first, then what was made an order, then what was dismissed. */
const REVIEW_TABS: readonly Status[] = ['pending', 'order', 'dismissed'];

export function ReviewPage() {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [status, setStatus] = useState<Status>('pending');
  const [page, setPage] = useState(1);
  const list = useDetections(status, page);
  const done = () => qc.invalidateQueries({ queryKey: ['detections'] });
  const fail = (e: unknown) => void message.error(e instanceof ApiFailure ? e.message : t('error.unknown'));
  const confirm = useMutation({
    mutationFn: (d: DetectionView) => call('devices.confirmDetection', { params: { id: d.id } }),
    onSuccess: async (d) => {
      await done();
      // The notification is drawn outside the router: its link navigates through this page's.
      const key = `confirmed-${d.id}`;
      notification.success({
        key,
        title: t('detections.review.confirmed'),
        description: (
          <Button
            type="link"
            style={{ padding: 0 }}
            onClick={() => {
              notification.destroy(key);
              void navigate(`/orders/${d.orderId}`, { state: { from: '/detections' } });
            }}
          >
            {t('detections.review.openOrder')}
          </Button>
        ),
        duration: 0,
      });
    },
    onError: async (e) => {
      fail(e);
      await done();
    },
  });
  const dismiss = useMutation({
    mutationFn: (d: DetectionView) => call('devices.dismissDetection', { params: { id: d.id } }),
    onSuccess: async () => {
      await done();
      void message.success(t('detections.review.dismissed'));
    },
    onError: async (e) => {
      fail(e);
      await done();
    },
  });
  const describe = (d: DetectionView) => `${d.type.name} ${d.device.name}`;
  return (
    <Card
      size="small"
      title={t('detections.review.title')}
      extra={
        <Space>
          {status === 'pending' && <Typography.Text type="secondary">{t('detections.review.autoRefresh')}</Typography.Text>}
          <Button size="small" onClick={() => void list.refetch()} loading={list.isFetching}>
            {t('detections.review.refresh')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('detections.review.hint')}</Typography.Text>
        <Segmented<Status>
          aria-label={t('detections.review.status')}
          value={status}
          options={REVIEW_TABS.map((s) => ({ value: s, label: t(`detections.review.statuses.${s}`) }))}
          onChange={(s) => {
            setStatus(s);
            setPage(1);
          }}
        />
        <Table<DetectionView>
          size="small"
          rowKey="id"
          aria-label={t('detections.review.title')}
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('detections.review.empty') }}
          scroll={{ x: 1150 }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (count) => t('detections.review.total', { count }),
            onChange: setPage,
          }}
          columns={[
            { title: t('detections.review.snapshot'), key: 'snapshot', width: 112, render: (_, d) => <Snapshot id={d.snapshot} alt={`${t('detections.review.snapshot')} ${describe(d)}`} /> },
            { title: t('detections.review.type'), key: 'type', width: 110, render: (_, d) => <Tag color="orange">{d.type.name}</Tag> },
            {
              title: t('detections.review.device'),
              key: 'device',
              width: 210,
              ellipsis: true,
              render: (_, d) => (
                <>
                  <div>{d.device.name}</div>
                  <Typography.Text type="secondary">{d.device.code}</Typography.Text>
                </>
              ),
            },
            { title: t('detections.review.place'), key: 'place', ellipsis: true, render: (_, d) => d.place || d.gridCode || '—' },
            { title: t('detections.review.confidence'), key: 'confidence', width: 100, render: (_, d) => percent(d.maxConfidence) },
            { title: t('detections.review.count'), key: 'count', width: 90, render: (_, d) => t('detections.review.times', { n: d.eventCount }) },
            { title: t('detections.review.firstAt'), key: 'first', width: 135, render: (_, d) => formatTime(d.firstAt) },
            { title: t('detections.review.lastAt'), key: 'last', width: 135, render: (_, d) => formatTime(d.lastAt) },
            {
              title: t('detections.review.actions'),
              key: 'actions',
              width: 170,
              fixed: 'right',
              render: (_, d) =>
                d.status === 'pending' ? (
                  <Space size={4}>
                    <Popconfirm title={t('detections.review.confirmTitle')} description={t('detections.review.confirmBody')} okText={t('action.submit')} cancelText={t('action.cancel')} onConfirm={() => confirm.mutateAsync(d).catch(() => undefined)}>
                      <Button size="small" type="primary" aria-label={`${t('detections.review.confirm')} ${describe(d)}`}>
                        {t('detections.review.confirm')}
                      </Button>
                    </Popconfirm>
                    <Popconfirm title={t('detections.review.dismissTitle')} description={t('detections.review.dismissBody')} okText={t('action.submit')} cancelText={t('action.cancel')} onConfirm={() => dismiss.mutateAsync(d).catch(() => undefined)}>
                      <Button size="small" aria-label={`${t('detections.review.dismiss')} ${describe(d)}`}>
                        {t('detections.review.dismiss')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : d.orderId ? (
                  <Link to={`/orders/${d.orderId}`} state={{ from: '/detections' }}>
                    {t('detections.review.openOrder')}
                  </Link>
                ) : (
                  <Typography.Text type="secondary">{d.reviewedAt ? `${t('detections.review.reviewedAt')} ${formatTime(d.reviewedAt)}` : '—'}</Typography.Text>
                ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
