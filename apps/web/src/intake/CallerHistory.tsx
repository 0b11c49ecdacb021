/**
 * 来电历史: the caller's earlier orders by his number, with their states — and the two flags an operator acts on:
 * 重复来电 (he has called as often as the repeated-caller warning rule's line in its days) and 同址重复 on an
 * order whose place has been reported again and again (only for those who see numbers in full; each lookup audited).
 */
import { Card, List, Space, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';
import { useDebounced } from '../shared/use-debounced.ts';

export function CallerHistory({ phone }: { phone: string }) {
  const { t, i18n } = useTranslation();
  const settled = useDebounced(phone, 400);
  const valid = /^[0-9+-]{5,20}$/.test(settled);
  const history = useQuery({
    queryKey: ['orders', 'caller', settled, i18n.language],
    queryFn: () => call('orders.callerHistory', { query: { phone: settled, pageSize: 5 } }),
    enabled: valid,
  });
  if (!valid) return null;
  const h = history.data;
  const title = (
    <Space size={8} wrap>
      {t('intake.history', { count: h ? `${h.total}${h.totalCapped ? '+' : ''}` : 0 })}
      {h?.repeatedCaller.flagged && (
        <Tooltip title={t('intake.repeatedCallerHint', { days: h.repeatedCaller.days, n: h.repeatedCaller.recentCalls })}>
          <Tag color="red" role="status" aria-label={t('intake.repeatedCaller')}>
            {t('intake.repeatedCallerTag', { n: h.repeatedCaller.recentCalls, days: h.repeatedCaller.days })}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
  return (
    <Card size="small" title={title} aria-label={t('intake.historyLabel')} loading={history.isLoading}>
      <List
        size="small"
        locale={{ emptyText: t('intake.noHistory') }}
        dataSource={h?.items ?? []}
        renderItem={({ order: o, placeOrders, repeatedPlace }) => (
          <List.Item className="caller-history-item">
            <div>
              <Link to={`/orders/${o.id}`}>{o.code}</Link>
              <Tag color="blue" style={{ marginInline: 8 }}>
                {o.state.label}
              </Tag>
              {repeatedPlace && h && (
                <Tooltip title={t('intake.repeatedPlaceHint', { n: placeOrders, m: h.placeRule.radiusMetres, days: h.placeRule.days })}>
                  <Tag color="orange">{t('intake.repeatedPlace')}</Tag>
                </Tooltip>
              )}
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
