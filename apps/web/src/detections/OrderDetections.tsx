/**
 * 关联事件 on an order's page: for an order made from device detections (channel video), the fold it came from —
 * type, devices, how many detections and over which span, the highest confidence, whether an operator confirmed
 * it — and its detections newest first, a page at a time (a fold may hold thousands), each with its snapshot.
 * Nothing is shown for an order that no detection made.
 */
import { useState } from 'react';
import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrderDetail, OrderDetectionView } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { formatTime, percent } from '../shared/labels.tsx';
import { Snapshot } from './Snapshot.tsx';

const PAGE_SIZE = 10;

export function OrderDetections({ order }: { order: OrderDetail }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['order', String(order.id), 'detections', page, i18n.language],
    queryFn: () => call('devices.listOrderDetections', { params: { id: order.id }, query: { page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
    enabled: order.channel.code === 'video',
  });
  const fold = q.data?.detection;
  if (!q.data || !fold) return null;
  return (
    <Card title={t('detections.linked.title')} size="small" role="region" aria-label={t('detections.linked.title')}>
      <Descriptions column={2} size="small" bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('detections.linked.type')}>
          <Tag color="orange">{fold.type.name}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('detections.linked.status')}>
          {fold.reviewedAt ? t('detections.linked.reviewed', { at: formatTime(fold.reviewedAt) }) : t('detections.linked.automatic')}
        </Descriptions.Item>
        <Descriptions.Item label={t('detections.linked.devices')} span={2}>
          {q.data.devices.map((d) => `${d.name}（${d.code}）× ${d.count}`).join('；')}
        </Descriptions.Item>
        <Descriptions.Item label={t('detections.linked.count')}>{t('detections.linked.total', { count: q.data.total })}</Descriptions.Item>
        <Descriptions.Item label={t('detections.linked.maxConfidence')}>{percent(fold.maxConfidence)}</Descriptions.Item>
        <Descriptions.Item label={t('detections.linked.span')} span={2}>
          {formatTime(fold.firstAt)} — {formatTime(fold.lastAt)}
        </Descriptions.Item>
      </Descriptions>
      <Table<OrderDetectionView>
        size="small"
        rowKey="id"
        aria-label={t('detections.linked.detections')}
        loading={q.isFetching}
        dataSource={q.data.items}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: q.data.total,
          showSizeChanger: false,
          showTotal: (count) => t('detections.linked.total', { count }),
          onChange: setPage,
        }}
        columns={[
          { title: t('detections.linked.snapshot'), key: 'snapshot', width: 100, render: (_, e) => <Snapshot id={e.snapshot} width={80} alt={`${t('detections.linked.snapshot')} ${e.eventId}`} /> },
          { title: t('detections.linked.detectedAt'), key: 'at', width: 135, render: (_, e) => formatTime(e.detectedAt) },
          { title: t('detections.linked.device'), key: 'device', ellipsis: true, render: (_, e) => e.device.name },
          { title: t('detections.linked.confidence'), key: 'confidence', width: 80, render: (_, e) => percent(e.confidence) },
          { title: t('detections.linked.eventId'), dataIndex: 'eventId', ellipsis: true, render: (id: string) => <Typography.Text type="secondary">{id}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
