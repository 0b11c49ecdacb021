/** 来电历史: the caller's earlier orders by his number, with their states (only for those who see numbers in full). */
import { Card, List, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';

export function CallerHistory({ phone }: { phone: string }) {
  const { t, i18n } = useTranslation();
  const valid = /^[0-9+-]{5,20}$/.test(phone);
  const history = useQuery({
    queryKey: ['orders', 'caller', phone, i18n.language],
    queryFn: () => call('orders.listOrders', { query: { phone, pageSize: 5 } }),
    enabled: valid,
  });
  if (!valid) return null;
  return (
    <Card size="small" title={t('intake.history', { count: history.data ? `${history.data.total}${history.data.totalCapped ? '+' : ''}` : 0 })} aria-label={t('intake.historyLabel')} loading={history.isLoading}>
      <List
        size="small"
        locale={{ emptyText: t('intake.noHistory') }}
        dataSource={history.data?.items ?? []}
        renderItem={(o) => (
          <List.Item className="caller-history-item">
            <div>
              <Link to={`/orders/${o.id}`}>{o.code}</Link>
              <Tag color="blue" style={{ marginInline: 8 }}>
                {o.state.label}
              </Tag>
              <Typography.Text type="secondary">{formatTime(o.createdAt)}</Typography.Text>
            </div>
            <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
              {o.description}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
