/** One warning: its explanation and numbers, who acknowledged and resolved it, the orders behind it, and the buttons the server allows. */
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { WARNING_KIND_LABELS, WARNING_STATE_LABELS, type OrderListItem } from '@liandong/contracts';
import { pick } from '../i18n.ts';
import { call } from '../shared/api.ts';
import { showFormError } from '../shared/form-errors.ts';
import { formatTime } from '../shared/labels.tsx';
import { KIND_COLOURS, STATE_COLOURS, subjectText } from './warning-labels.ts';

/** A probability as the server's explanation writes it: 0, 0.0003, 1.2e-7. */
const formatP = (p: number) => (p === 0 ? '0' : p >= 0.0001 ? String(Number(p.toPrecision(2))) : p.toExponential(1));

export function WarningDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [resolving, setResolving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const warning = useQuery({ queryKey: ['warning', id, i18n.language], queryFn: () => call('warnings.get', { params: { id: id! } }), enabled: id !== null });
  const orders = useQuery({
    queryKey: ['warning-orders', id, page, i18n.language],
    queryFn: () => call('warnings.orders', { params: { id: id! }, query: { page, pageSize: 10 } }),
    enabled: id !== null,
  });
  const done = async () => {
    setError(null);
    setResolving(false);
    form.resetFields();
    await Promise.all([qc.invalidateQueries({ queryKey: ['warning', id] }), qc.invalidateQueries({ queryKey: ['warnings'] }), qc.invalidateQueries({ queryKey: ['warnings-summary'] })]);
  };
  const acknowledge = useMutation({ mutationFn: () => call('warnings.acknowledge', { params: { id: id! }, body: {} }), onSuccess: done, onError: (e) => setError(e.message) });
  const resolve = useMutation({
    mutationFn: (note: string) => call('warnings.resolve', { params: { id: id! }, body: { note } }),
    onSuccess: done,
    onError: (e) => showFormError(form, e, ['note'], setError),
  });
  const w = warning.data;
  const num = (x: number | null) => (x === null ? '—' : String(Math.round(x * 10000) / 10000));
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={w ? w.title : t('warnings.drawerTitle')} destroyOnHidden>
      {w && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={KIND_COLOURS[w.kind]}>{pick(WARNING_KIND_LABELS[w.kind], i18n.language)}</Tag>
            <Tag color={STATE_COLOURS[w.state]}>{pick(WARNING_STATE_LABELS[w.state], i18n.language)}</Tag>
            <Typography.Text type="secondary">{formatTime(w.raisedAt)}</Typography.Text>
          </Space>
          <Alert type={w.state === 'resolved' ? 'info' : 'warning'} showIcon title={t('warnings.explanation')} description={w.explanation} />
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('warnings.rule')}>{w.rule.name}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.subject')}>{subjectText(w, t)}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.observed')}>{num(w.figures.observed)}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.expected')}>{num(w.figures.expected)}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.threshold')}>{num(w.figures.threshold)}</Descriptions.Item>
            {w.figures.pValue !== null && <Descriptions.Item label={t('warnings.pValue')}>{formatP(w.figures.pValue)}</Descriptions.Item>}
            <Descriptions.Item label={t('warnings.window')} span={2}>
              {formatTime(w.figures.windowFrom)} – {formatTime(w.figures.windowTo)}
            </Descriptions.Item>
          </Descriptions>
          {(w.acknowledgedAt || w.resolvedAt) && (
            <Typography.Paragraph style={{ margin: 0 }}>
              {w.acknowledgedAt && <div>{t('warnings.acknowledged', { who: w.acknowledgedBy?.name ?? t('warnings.system'), at: formatTime(w.acknowledgedAt) })}</div>}
              {w.resolvedAt && <div>{t('warnings.resolved', { who: w.resolvedBy?.name ?? t('warnings.system'), at: formatTime(w.resolvedAt) })}</div>}
              {w.resolutionNote && <div>{t('warnings.note', { note: w.resolutionNote })}</div>}
            </Typography.Paragraph>
          )}
          {w.allowedActions.length > 0 && (
            <Space wrap>
              {w.allowedActions.includes('acknowledge') && (
                <Button type="primary" onClick={() => acknowledge.mutate()} loading={acknowledge.isPending}>
                  {t('warnings.acknowledge')}
                </Button>
              )}
              {w.allowedActions.includes('resolve') && !resolving && <Button onClick={() => setResolving(true)}>{t('warnings.resolve')}</Button>}
            </Space>
          )}
          {resolving && w.allowedActions.includes('resolve') && (
            <Form form={form} name="resolve-warning" layout="vertical" onFinish={(v) => resolve.mutate(v.note ?? '')}>
              <Form.Item label={t('warnings.resolveNote')} name="note" extra={t('warnings.resolveHint')}>
                <Input.TextArea rows={3} maxLength={500} />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={resolve.isPending}>
                  {t('warnings.resolve')}
                </Button>
                <Button onClick={() => setResolving(false)}>{t('action.cancel')}</Button>
              </Space>
            </Form>
          )}
          {error && <Alert type="error" showIcon title={error} />}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('warnings.orders', { n: w.orderCount })}
          </Typography.Title>
          <Table<OrderListItem>
            size="small"
            rowKey="id"
            loading={orders.isLoading}
            dataSource={orders.data?.items ?? []}
            pagination={{ current: page, pageSize: 10, total: orders.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
            columns={[
              { title: t('warnings.code'), dataIndex: 'code', width: 170, render: (code: string, o) => <Link to={`/orders/${o.id}`}>{code}</Link> },
              { title: t('warnings.description'), dataIndex: 'description', ellipsis: true },
              { title: t('warnings.orderState'), dataIndex: ['state', 'label'], width: 90 },
              { title: t('warnings.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatTime(v) },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}
