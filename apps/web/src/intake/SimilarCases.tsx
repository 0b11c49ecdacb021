/**
 * 相似案件: before saving, the orders near the point, recent, of the same category or with similar words (the
 * server's duplicate-candidate query), each with its photo, words, distance, age and state. The operator may add
 * the caller to one of them instead of registering a new order.
 */
import { Button, Card, Image, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SimilarCase } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import type { LngLat } from '../map/crs.ts';

export interface SimilarQuery {
  point: LngLat;
  categoryCode?: string;
  text?: string;
}

function age(hours: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (hours < 1) return t('intake.ageMinutes', { n: Math.max(1, Math.round(hours * 60)) });
  if (hours < 48) return t('intake.ageHours', { n: Math.round(hours) });
  return t('intake.ageDays', { n: Math.round(hours / 24) });
}

export function SimilarCases({ query, onAddCaller, adding }: { query: SimilarQuery | null; onAddCaller: (c: SimilarCase) => void; adding: boolean }) {
  const { t, i18n } = useTranslation();
  const similar = useQuery({
    queryKey: ['similar', query, i18n.language],
    queryFn: () =>
      call('orders.similarCases', {
        query: { lng: query!.point.lng, lat: query!.point.lat, ...(query!.categoryCode ? { categoryCode: query!.categoryCode } : {}), ...(query!.text ? { text: query!.text.slice(0, 500) } : {}) },
      }),
    enabled: query !== null,
    placeholderData: (previous) => previous,
  });
  const items = similar.data?.items ?? [];
  return (
    <Card size="small" title={t('intake.similar', { count: items.length })} aria-label={t('intake.similarLabel')} loading={similar.isLoading}>
      {query === null ? (
        <Typography.Text type="secondary">{t('intake.similarHint')}</Typography.Text>
      ) : (
        <List
          size="small"
          locale={{ emptyText: t('intake.noSimilar', { radius: similar.data?.radiusM ?? 500, days: similar.data?.days ?? 30 }) }}
          dataSource={items}
          renderItem={(c) => (
            <List.Item
              aria-label={c.order.code}
              actions={
                c.acceptsCallers
                  ? [
                      <Popconfirm key="add" title={t('intake.addCallerConfirm', { code: c.order.code })} okText={t('action.submit')} cancelText={t('action.cancel')} onConfirm={() => onAddCaller(c)}>
                        <Button size="small" loading={adding}>
                          {t('intake.addCaller')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                avatar={
                  c.photoId ? (
                    <Image width={56} height={56} style={{ objectFit: 'cover' }} src={`/api/v1/files/${c.photoId}`} alt={t('intake.photo')} />
                  ) : (
                    <div className="similar-nophoto">{t('intake.noPhoto')}</div>
                  )
                }
                title={
                  <Space size={6} wrap>
                    <Link to={`/orders/${c.order.id}`} target="_blank">
                      {c.order.code}
                    </Link>
                    <Tag color="blue">{c.order.state.label}</Tag>
                    {c.sameCategory && <Tag color="purple">{t('intake.sameCategory')}</Tag>}
                  </Space>
                }
                description={
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
                      {c.order.description}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">
                      {t('intake.distance', { m: c.distanceM })} · {age(c.ageHours, t)} · {t('intake.callers', { n: c.callers })}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
