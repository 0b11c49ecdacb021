/** A queue's orders: filters (text, channel, nature, light, level), server-side paging; a row opens the order. */
import { useState } from 'react';
import { Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ACTION_LABELS, LIGHTS, ORDER_LEVEL_LABELS, ORDER_LEVELS, TIME_UNIT_LABELS, type ActionName, type ListOrdersFilter, type OrderPage } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { formatTime, LightTag } from '../shared/labels.tsx';
import { pick } from '../i18n.ts';
import { BULK_ACTIONS, BulkActionModal } from './ActionForm.tsx';

type Item = OrderPage['items'][number];

/**
 * `showRequest`: the approvals queue — each row shows the request waiting (kind, reason, time asked for). A queue of
 * returned or escalated orders (`arrivedBy`) shows who sent each back or up, when and why.
 */
export function OrderTable({ baseFilter, showRequest = false }: { baseFilter: Partial<ListOrdersFilter>; showRequest?: boolean }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [filter, setFilter] = useState<Partial<ListOrdersFilter>>({});
  const [selected, setSelected] = useState<Item[]>([]);
  const [bulk, setBulk] = useState<ActionName | null>(null);
  const channels = useQuery({ queryKey: ['channels', i18n.language], queryFn: () => call('catalogue.listChannels'), staleTime: 600_000 });
  const natures = useQuery({ queryKey: ['natures', i18n.language], queryFn: () => call('catalogue.listNatures'), staleTime: 600_000 });
  const query = { ...baseFilter, ...filter, page, pageSize };
  const orders = useQuery({
    queryKey: ['orders', 'list', query, i18n.language],
    queryFn: () => call('orders.listOrders', { query }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const lang = i18n.language;
  const set = (patch: Partial<ListOrdersFilter>) => {
    setPage(1);
    setFilter((f) => ({ ...f, ...patch }));
  };
  // Offered over a selection: the bulk actions every selected order allows this user (its allowedActions).
  const bulkActions = selected.length ? BULK_ACTIONS.filter((a) => selected.every((o) => o.allowedActions.includes(a))) : [];
  const options = (rows: { code: string; nameZh: string; nameEn: string }[] | undefined) =>
    (rows ?? []).map((r) => ({ value: r.code, label: lang === 'en' ? r.nameEn : r.nameZh }));
  return (
    <>
      <Form layout="inline" className="order-filters">
        <Form.Item label={t('filter.text')}>
          <Input.Search allowClear placeholder={t('filter.textPlaceholder')} onSearch={(q) => set({ q: q || undefined })} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item label={t('filter.channel')}>
          <Select allowClear placeholder={t('filter.any')} style={{ width: 140 }} options={options(channels.data)} onChange={(v) => set({ channel: v })} />
        </Form.Item>
        <Form.Item label={t('filter.nature')}>
          <Select allowClear placeholder={t('filter.any')} style={{ width: 120 }} options={options(natures.data)} onChange={(v) => set({ nature: v })} />
        </Form.Item>
        <Form.Item label={t('filter.light')}>
          <Select allowClear placeholder={t('filter.any')} style={{ width: 100 }} options={LIGHTS.map((l) => ({ value: l, label: t(`lights.${l}`) }))} onChange={(v) => set({ light: v })} />
        </Form.Item>
        <Form.Item label={t('filter.level')}>
          <Select
            allowClear
            placeholder={t('filter.any')}
            style={{ width: 110 }}
            options={ORDER_LEVELS.map((l) => ({ value: l, label: pick(ORDER_LEVEL_LABELS[l], lang) }))}
            onChange={(v) => set({ level: v })}
          />
        </Form.Item>
      </Form>
      {selected.length > 0 && (
        <Space className="bulk-bar" role="toolbar" aria-label={t('bulk.toolbar')}>
          <span>{t('bulk.selected', { n: selected.length })}</span>
          {bulkActions.map((a) => (
            <Button key={a} size="small" type="primary" ghost onClick={() => setBulk(a)}>
              {t('bulk.verb', { verb: pick(ACTION_LABELS[a].verb, lang) })}
            </Button>
          ))}
          {bulkActions.length === 0 && <Typography.Text type="secondary">{t('bulk.none')}</Typography.Text>}
          <Button size="small" type="link" onClick={() => setSelected([])}>
            {t('bulk.clear')}
          </Button>
        </Space>
      )}
      {bulk && (
        <BulkActionModal
          orders={selected}
          action={bulk}
          onClose={() => {
            setBulk(null);
            setSelected([]);
          }}
        />
      )}
      <Table<Item>
        rowKey="id"
        rowSelection={{ selectedRowKeys: selected.map((o) => o.id), onChange: (_keys, rows) => setSelected(rows), columnWidth: 40 }}
        size="middle"
        loading={orders.isFetching && !orders.data}
        dataSource={orders.data?.items ?? []}
        locale={{ emptyText: t('desk.empty') }}
        scroll={{ x: 1000 }}
        pagination={{
          current: page,
          pageSize,
          total: orders.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (count) => t('desk.total', { count: orders.data?.totalCapped ? `${count}+` : count }),
          onChange: (p, s) => {
            setPage(s === pageSize ? p : 1);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('order.code'), dataIndex: 'code', width: 160, render: (code: string, o) => <Link to={`/orders/${o.id}`} state={{ from: location.pathname + location.search }}>{code}</Link> },
          { title: t('order.state'), dataIndex: ['state', 'label'], width: 130, ellipsis: true, render: (label: string) => <Tag>{label}</Tag> },
          { title: t('order.light'), dataIndex: 'light', width: 64, render: (l: Item['light']) => <LightTag light={l} /> },
          { title: t('order.channel'), dataIndex: ['channel', 'label'], width: 90 },
          { title: t('order.nature'), dataIndex: ['nature', 'label'], width: 80 },
          ...(showRequest
            ? [
                {
                  title: t('order.request'),
                  key: 'request',
                  width: 280,
                  render: (_: unknown, o: Item) =>
                    o.pendingRequest && (
                      <Space orientation="vertical" size={0}>
                        <span>
                          <Tag color="orange">{pick(ACTION_LABELS[`request-${o.pendingRequest.kind}`].verb, lang)}</Tag>
                          {o.pendingRequest.value != null && o.pendingRequest.unit && `${o.pendingRequest.value} ${pick(TIME_UNIT_LABELS[o.pendingRequest.unit], lang)}`}
                        </span>
                        <Typography.Text type="secondary">{o.pendingRequest.reason}</Typography.Text>
                      </Space>
                    ),
                },
              ]
            : []),
          ...(baseFilter.arrivedBy
            ? [
                {
                  title: t('order.arrival'),
                  key: 'arrival',
                  width: 280,
                  render: (_: unknown, o: Item) =>
                    o.arrival && (
                      <Space orientation="vertical" size={0}>
                        <span>
                          <Tag color={o.arrival.action === 'return' ? 'volcano' : 'purple'}>{pick(ACTION_LABELS[o.arrival.action].verb, lang)}</Tag>
                          {o.arrival.unit?.name} · {formatTime(o.arrival.at)}
                        </span>
                        <Typography.Text type="secondary">{o.arrival.reason}</Typography.Text>
                      </Space>
                    ),
                },
              ]
            : []),
          { title: t('order.description'), dataIndex: 'description', ellipsis: true, render: (d: string) => <Typography.Text>{d}</Typography.Text> },
          { title: t('order.place'), key: 'place', width: 150, ellipsis: true, render: (_: unknown, o) => [o.town?.name, o.village?.name].filter(Boolean).join(' ') },
          { title: t('order.category'), dataIndex: ['category', 'name'], width: 110, ellipsis: true },
          { title: t('order.createdAt'), dataIndex: 'createdAt', width: 136, render: (v: string) => formatTime(v) },
        ]}
      />
    </>
  );
}
