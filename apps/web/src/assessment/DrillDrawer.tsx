/** 指标穿透: the orders behind a figure — below the line or above it — each a way to its order. */
import { useState } from 'react';
import { Drawer, Segmented, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AssessmentSubject, FigureView, IndicatorView, OrderListItem } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';
import type { PeriodChoice } from './period.ts';

export interface DrillTarget {
  subject: AssessmentSubject;
  id: string;
  name: string;
  figure: FigureView;
  indicator: IndicatorView;
}

export function DrillDrawer({ target, period, onClose }: { target: DrillTarget | null; period: PeriodChoice; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [part, setPart] = useState<'denominator' | 'numerator'>('denominator');
  const [page, setPage] = useState(1);
  const orders = useQuery({
    queryKey: ['assessment-drill', target?.subject, target?.id, target?.figure.code, period, part, page, i18n.language],
    queryFn: () => call('assessment.drill', { params: { subject: target!.subject, id: target!.id, code: target!.figure.code }, query: { ...period, part, page, pageSize: 20 } }),
    enabled: !!target,
  });
  const ind = target?.indicator;
  const count = ind?.kind === 'count';
  return (
    <Drawer open={!!target} onClose={onClose} size="large" title={target ? t('assessment.drillTitle', { name: target.name, indicator: ind!.name }) : ''} destroyOnHidden>
      {target && ind && (
        <>
          <Segmented
            aria-label={t('assessment.orders')}
            value={part}
            onChange={(v) => {
              setPart(v as typeof part);
              setPage(1);
            }}
            options={[
              { value: 'denominator', label: count ? ind.numerator : t('assessment.denominator', { text: ind.denominator, n: target.figure.denominator }) },
              ...(count ? [] : [{ value: 'numerator', label: t('assessment.numerator', { text: ind.numerator, n: target.figure.numerator }) }]),
            ]}
            style={{ marginBottom: 12, maxWidth: '100%', whiteSpace: 'normal' }}
          />
          <Table<OrderListItem>
            size="small"
            rowKey="id"
            loading={orders.isLoading}
            dataSource={orders.data?.items ?? []}
            pagination={{ current: page, pageSize: 20, total: orders.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: t('assessment.code'), dataIndex: 'code', render: (code: string, o) => <Link to={`/orders/${o.id}`}>{code}</Link> },
              { title: t('assessment.description'), dataIndex: 'description', ellipsis: true },
              { title: t('assessment.state'), dataIndex: ['state', 'label'], width: 90 },
              { title: t('assessment.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
