/**
 * 智能分拨 in the order detail: for an order waiting to be dispatched (or redispatched) and a user who may see
 * suggestions, the units the model ranks first with the condition and category, the confidence and the words that
 * weighed; 采用 dispatches to that unit in one click, the timeline noting the model's version and confidence.
 */
import { Alert, Button, Card, Empty, List, Progress, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DispatchSuggestion, Me, OrderDetail } from '@liandong/contracts';
import { ApiFailure, call } from '../shared/api.ts';

export function SmartDispatchPanel({ order, me }: { order: OrderDetail; me: Me | undefined }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const action = order.allowedActions.includes('dispatch') ? 'dispatch' : order.allowedActions.includes('redispatch') ? 'redispatch' : null;
  const allowed = !!me?.permissions.includes('dispatch.suggest') && action !== null;
  const suggestions = useQuery({
    queryKey: ['dispatch-suggestions', order.id, order.description],
    queryFn: () => call('dispatch.suggestions', { body: { orderId: order.id } }),
    enabled: allowed,
    staleTime: 60_000,
  });
  const apply = useMutation({
    mutationFn: (s: DispatchSuggestion) => {
      const note = t('smartDispatch.note', { version: suggestions.data?.model?.version ?? 0, confidence: Math.round(s.confidence * 100) });
      return action === 'redispatch'
        ? call('actions.redispatch', { params: { id: order.id }, body: { unitId: s.unit.id, reason: note } })
        : call('actions.dispatch', { params: { id: order.id }, body: { unitId: s.unit.id, note } });
    },
    onSuccess: async (detail) => {
      qc.setQueryData(['order', String(order.id), i18n.language], detail);
      await qc.invalidateQueries({ queryKey: ['orders'] });
    },
  });
  if (!allowed) return null;
  const data = suggestions.data;
  return (
    <Card
      title={t('smartDispatch.title')}
      size="small"
      role="region"
      aria-label={t('smartDispatch.title')}
      extra={data?.model ? <Typography.Text type="secondary">{t('smartDispatch.model', { version: data.model.version })}</Typography.Text> : null}
    >
      {suggestions.isError && <Alert type="error" showIcon title={t('smartDispatch.failed')} />}
      {apply.isError && <Alert type="error" showIcon title={apply.error instanceof ApiFailure ? apply.error.message : t('error.unknown')} />}
      {data && !data.model && <Empty description={t('smartDispatch.noModel')} />}
      {data?.model && (
        <List
          size="small"
          loading={suggestions.isFetching}
          locale={{ emptyText: t('smartDispatch.empty') }}
          dataSource={data.items}
          renderItem={(s, i) => (
            <List.Item
              aria-label={s.unit.name}
              actions={[
                <Button
                  key="apply"
                  size="small"
                  type={i === 0 ? 'primary' : 'default'}
                  aria-label={t('smartDispatch.applyLabel', { unit: s.unit.name })}
                  loading={apply.isPending && apply.variables?.unit.id === s.unit.id}
                  disabled={apply.isPending || s.unit.id === order.handlerUnit?.id}
                  onClick={() => apply.mutate(s)}
                >
                  {t('smartDispatch.apply')}
                </Button>,
              ]}
            >
              <Space orientation="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
                <Space size={8} wrap>
                  <Typography.Text strong>{s.unit.name}</Typography.Text>
                  {s.category && <Tag>{s.category.name}</Tag>}
                  {s.territorial && <Tag color="orange">{t('smartDispatch.territorial')}</Tag>}
                  {s.unit.id === order.handlerUnit?.id && <Tag color="green">{t('smartDispatch.current')}</Tag>}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.condition ? s.condition.description : t('smartDispatch.noCondition')}
                </Typography.Text>
                <Space size={8} style={{ width: '100%' }}>
                  <span style={{ fontSize: 12 }}>{t('smartDispatch.confidence')}</span>
                  <Progress
                    percent={Math.round(s.confidence * 100)}
                    size="small"
                    style={{ width: 120, margin: 0 }}
                    aria-label={`${t('smartDispatch.confidence')} ${Math.round(s.confidence * 100)}%`}
                  />
                </Space>
                {s.reasons.length > 0 && (
                  <div style={{ fontSize: 12 }}>
                    {t('smartDispatch.reasons')}：
                    {s.reasons.map((w) => (
                      <Tag key={w} color="geekblue" style={{ marginInlineEnd: 4 }}>
                        {w}
                      </Tag>
                    ))}
                  </div>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
