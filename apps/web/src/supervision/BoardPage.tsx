/**
 * 督办看板 (supervisors, shift leads, dispatchers, leaders): the open orders by traffic light and level, the units
 * with overdue steps, and each unit's on-time rate, supervisions received by level and satisfaction over a period.
 */
import { useState } from 'react';
import { Card, Col, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORDER_LEVEL_LABELS, ORDER_LEVELS, type Board } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';
import { pick } from '../i18n.ts';

const LIGHT_COLOURS = { green: '#389e0d', yellow: '#d48806', red: '#cf1322', none: '#8c8c8c' } as const;
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export function BoardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [days, setDays] = useState(30);
  const board = useQuery({ queryKey: ['board', days, lang], queryFn: () => call('supervision.board', { query: { days } }), refetchInterval: 60_000 });
  const levels = useQuery({ queryKey: ['supervision-levels', lang], queryFn: () => call('supervision.listLevels'), staleTime: 600_000 });
  const b = board.data as Board | undefined;
  const lights = ['green', 'yellow', 'red', 'none'] as const;
  const lightTitle = (l: (typeof lights)[number]) => (l === 'none' ? t('board.noClock') : t(`lights.${l}`));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('board.title')}
        extra={
          <Space>
            <Typography.Text type="secondary">{b ? t('board.asOf', { at: formatTime(b.asOf) }) : ''}</Typography.Text>
            <Segmented
              aria-label={t('board.period')}
              value={days}
              onChange={(v) => setDays(Number(v))}
              options={[7, 30, 90].map((d) => ({ value: d, label: t('board.days', { n: d }) }))}
            />
          </Space>
        }
      >
        <Row gutter={16}>
          {lights.map((l) => (
            <Col key={l} xs={12} md={6}>
              <Statistic title={lightTitle(l)} value={b?.lights.total[l] ?? 0} styles={{ content: { color: LIGHT_COLOURS[l] } }} />
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card title={t('board.byLevel')} size="small">
            <Table
              size="small"
              pagination={false}
              rowKey="level"
              dataSource={ORDER_LEVELS.map((level) => ({ level, ...(b?.lights.byLevel[level] ?? { green: 0, yellow: 0, red: 0, none: 0 }) }))}
              columns={[
                { title: t('order.level'), dataIndex: 'level', render: (l: (typeof ORDER_LEVELS)[number]) => pick(ORDER_LEVEL_LABELS[l], lang) },
                ...lights.map((l) => ({ title: lightTitle(l), dataIndex: l, align: 'right' as const })),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('board.overdueByUnit')} size="small">
            <Table
              size="small"
              rowKey="unitId"
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              locale={{ emptyText: t('board.noOverdue') }}
              dataSource={b?.overdueByUnit ?? []}
              columns={[
                { title: t('board.unit'), dataIndex: 'unitName' },
                { title: t('board.overdueSteps'), dataIndex: 'overdueSteps', align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('board.units', { n: days })} size="small">
        <Table
          size="small"
          rowKey="unitId"
          loading={board.isLoading}
          scroll={{ x: 900 }}
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          dataSource={b?.units ?? []}
          columns={[
            { title: t('board.unit'), dataIndex: 'unitName', fixed: 'left', width: 260, ellipsis: true },
            { title: t('board.overdueSteps'), dataIndex: 'overdueSteps', align: 'right', sorter: (x, y) => x.overdueSteps - y.overdueSteps },
            { title: t('board.stepsDone'), dataIndex: 'stepsDone', align: 'right' },
            { title: t('board.onTimeRate'), dataIndex: 'onTimeRate', align: 'right', render: percent, sorter: (x, y) => (x.onTimeRate ?? 0) - (y.onTimeRate ?? 0) },
            ...(levels.data ?? []).map((l) => ({
              title: lang === 'en' ? l.nameEn : l.nameZh,
              key: `level-${l.level}`,
              align: 'right' as const,
              render: (_: unknown, u: Board['units'][number]) => u.supervisions[String(l.level)] ?? 0,
            })),
            { title: t('board.satisfactionRate'), dataIndex: 'satisfactionRate', align: 'right', render: percent },
          ]}
        />
      </Card>
    </Space>
  );
}
