/**
 * 我的工作台: the desk's queues with their counts on the left, the chosen queue's orders on the right (filters,
 * sorting by time, server-side paging). The queue is in the URL, so a desk can be bookmarked and reloaded.
 */
import { Badge, Card, Col, Menu, Row, Segmented } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { MAX_COUNTED, type Me } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { queuesFor } from './queues.ts';
import { OrderTable } from '../orders/OrderTable.tsx';
import { LazyMap } from '../map/LazyMap.tsx';

export function DeskPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const queues = queuesFor(me.roles);
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const current = queues.find((q) => q.key === params.get('queue')) ?? queues[0];
  const view = params.get('view') === 'map' ? 'map' : 'list';
  // Each queue's count: the total of a one-row page of its filter.
  const counts = useQueries({
    queries: queues.map((q) => ({
      queryKey: ['orders', 'count', q.key, i18n.language],
      queryFn: async () => {
        const page = await call('orders.listOrders', { query: { ...q.filter, pageSize: 1 } });
        return page.totalCapped ? `${page.total}+` : page.total;
      },
      refetchInterval: 30_000,
    })),
  });
  if (!current) return null;
  return (
    <Row gutter={16} wrap={false}>
      <Col flex="240px">
        <Card title={t('desk.queues')} size="small" styles={{ body: { padding: 0 } }}>
          <Menu
            role="navigation"
            aria-label={t('desk.queues')}
            mode="inline"
            selectedKeys={[current.key]}
            onClick={({ key }) => setParams(view === 'map' ? { queue: key, view } : { queue: key })}
            items={queues.map((q, i) => ({
              key: q.key,
              label: (
                <span className="queue-item">
                  <span>{t(q.label)}</span>
                  <Badge count={counts[i]?.data ?? 0} overflowCount={MAX_COUNTED} showZero color={q.key === 'overdue' ? 'red' : q.key === 'due-soon' ? 'gold' : '#1677ff'} />
                </span>
              ),
            }))}
          />
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card
          title={t(current.label)}
          size="small"
          extra={
            <Segmented
              size="small"
              aria-label={t('desk.view')}
              value={view}
              options={[
                { value: 'list', label: t('desk.list') },
                { value: 'map', label: t('desk.map') },
              ]}
              onChange={(v) => setParams(v === 'map' ? { queue: current.key, view: 'map' } : { queue: current.key })}
            />
          }
        >
          {view === 'map' ? (
            <LazyMap key={current.key} label={t('desk.map')} height="calc(100vh - 190px)" orders={current.filter} onOrder={(id) => navigate(`/orders/${id}`)} />
          ) : (
            <OrderTable key={current.key} baseFilter={current.filter} showRequest={Boolean(current.filter.awaitingMyApproval || current.filter.pendingRequest)} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
