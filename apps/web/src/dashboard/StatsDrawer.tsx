/** 统计穿透: the orders behind a figure — a measure for the period and filters, perhaps one bar's — each a way to its order. */
import { useState } from 'react';
import { Drawer, Segmented, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrderListItem, StatDimension, StatMeasure } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';
import type { StatsFilters } from './filters.ts';

export interface StatsDrill {
  title: string;
  /** One measure, or a rate's numerator and denominator (the denominator shown first). */
  measures: { measure: StatMeasure; n: number }[];
  dimension?: StatDimension;
  key?: string;
  solved?: 'grid' | 'village' | 'town' | 'district' | 'enforcement';
  /** One day of the series instead of the chosen period. */
  day?: string;
}

const withoutPeriod = ({ period: _p, date: _d, ...rest }: StatsFilters) => rest;

export function StatsDrawer({ drill, filters, onClose }: { drill: StatsDrill | null; filters: StatsFilters; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [which, setWhich] = useState(drill?.measures.length === 2 ? 1 : 0);
  const [page, setPage] = useState(1);
  const m = drill?.measures[which];
  const orders = useQuery({
    queryKey: ['stats-drill', drill, which, filters, page, i18n.language],
    queryFn: () =>
      call('statistics.orders', {
        query: { ...(drill!.day ? { ...withoutPeriod(filters), period: 'custom' as const, from: drill!.day, to: drill!.day } : filters), measure: m!.measure, ...(drill!.dimension ? { dimension: drill!.dimension, key: drill!.key ?? '' } : {}), ...(drill!.solved ? { solved: drill!.solved } : {}), page, pageSize: 20 },
      }),
    enabled: !!drill,
  });
  return (
    <Drawer open={!!drill} onClose={onClose} size="large" title={drill?.title ?? ''} destroyOnHidden>
      {drill && (
        <>
          {drill.measures.length === 2 && (
            <Segmented
              aria-label={t('dashboard.part')}
              value={which}
              onChange={(v) => {
                setWhich(v as number);
                setPage(1);
              }}
              options={[
                { value: 1, label: t('dashboard.denominator', { name: t(`dashboard.measures.${drill.measures[1]!.measure}`), n: drill.measures[1]!.n }) },
                { value: 0, label: t('dashboard.numerator', { name: t(`dashboard.measures.${drill.measures[0]!.measure}`), n: drill.measures[0]!.n }) },
              ]}
              style={{ marginBottom: 12 }}
            />
          )}
          <Table<OrderListItem>
            size="small"
            rowKey="id"
            loading={orders.isLoading}
            dataSource={orders.data?.items ?? []}
            pagination={{ current: page, pageSize: 20, total: orders.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: t('dashboard.code'), dataIndex: 'code', width: 170, render: (code: string, o) => <Link to={`/orders/${o.id}`}>{code}</Link> },
              { title: t('dashboard.description'), dataIndex: 'description', ellipsis: true },
              { title: t('dashboard.state'), dataIndex: ['state', 'label'], width: 90 },
              { title: t('dashboard.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
