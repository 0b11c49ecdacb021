/**
 * 考核排名: units, towns, villages, grids or grid workers in the reader's scope for a period — rank and its change,
 * composite score and grade, every figure — each figure opening the orders behind it (DrillDrawer). Definitions
 * and weights come from the API (GET /api/v1/assessment/indicators), never from the page.
 */
import { useMemo, useState } from 'react';
import { Button, Card, Input, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ASSESSED_UNIT_KINDS,
  ASSESSMENT_SUBJECTS,
  type AssessedUnitKind,
  type AssessmentRow,
  type AssessmentSubject,
  type FigureView,
  type IndicatorView,
} from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { chinaToday, type PeriodChoice } from './period.ts';
import { DrillDrawer, type DrillTarget } from './DrillDrawer.tsx';

const GRADE_COLOURS = { A: 'green', B: 'blue', C: 'gold', D: 'orange', E: 'red' } as const;

function RankChange({ change }: { change: number | null }) {
  const { t } = useTranslation();
  if (change === null || change === 0) return <span aria-label={t('assessment.change')}>—</span>;
  const up = change > 0;
  return (
    <span aria-label={`${t('assessment.change')} ${up ? '+' : ''}${change}`} style={{ color: up ? '#389e0d' : '#cf1322' }}>
      {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(change)}
    </span>
  );
}

const shown = (f: FigureView, kind: IndicatorView['kind']) => (f.value === null ? '—' : kind === 'rate' ? `${f.value.toFixed(1)}%` : String(f.value));

export function AssessmentPage() {
  const { t, i18n } = useTranslation();
  const [subject, setSubject] = useState<AssessmentSubject>('units');
  const [kind, setKind] = useState<AssessedUnitKind | 'all'>('department');
  const [period, setPeriod] = useState<PeriodChoice>({ period: 'month', date: chinaToday() });
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const indicators = useQuery({ queryKey: ['assessment-indicators', i18n.language], queryFn: () => call('assessment.indicators'), staleTime: 3_600_000 });
  const standings = useQuery({
    queryKey: ['assessment', subject, kind, period, i18n.language],
    queryFn: () => call('assessment.standings', { params: { subject }, query: { ...period, ...(subject === 'units' && kind !== 'all' ? { kind } : {}) } }),
  });
  const defs = useMemo(() => new Map((indicators.data ?? []).map((d) => [d.code, d])), [indicators.data]);
  const a = standings.data;
  // A rate nobody in the table has anything to count for (a centre's figures among departments) is not a column.
  const codes = (a?.rows[0]?.figures ?? [])
    .map((f) => f.code)
    .filter((code) => defs.get(code)?.kind === 'count' || a!.rows.some((r) => r.figures.some((f) => f.code === code && f.denominator > 0)));

  const columns = [
    { title: t('assessment.rank'), dataIndex: 'rank', width: 64, fixed: 'left' as const, render: (r: number | null) => r ?? '—' },
    { title: t('assessment.change'), dataIndex: 'rankChange', width: 72, render: (c: number | null) => <RankChange change={c} /> },
    { title: t('assessment.name'), dataIndex: ['subject', 'name'], width: 220, fixed: 'left' as const, ellipsis: true },
    { title: t('assessment.score'), dataIndex: 'score', width: 88, align: 'right' as const, render: (s: number | null) => (s === null ? '—' : s.toFixed(1)) },
    {
      title: t('assessment.grade'),
      dataIndex: 'grade',
      width: 64,
      render: (g: keyof typeof GRADE_COLOURS | null) => (g ? <Tag color={GRADE_COLOURS[g]}>{g}</Tag> : '—'),
    },
    ...(subject === 'grid-workers'
      ? [{ title: t('assessment.quota'), key: 'quota', width: 80, render: (_: unknown, r: AssessmentRow) => (r.quota ? <Tag color={r.quota.met ? 'green' : 'default'}>{t('assessment.quotaText', r.quota)}</Tag> : '—') }]
      : []),
    ...codes.map((code) => {
      const d = defs.get(code);
      return {
        title: d ? (
          <Tooltip title={`${d.numerator} / ${d.denominator}`}>
            <span>{d.name}</span>
          </Tooltip>
        ) : (
          code
        ),
        key: code,
        width: 112,
        align: 'right' as const,
        render: (_: unknown, r: AssessmentRow) => {
          const f = r.figures.find((x) => x.code === code)!;
          if (!d || f.denominator === 0) return shown(f, d?.kind ?? 'rate');
          return (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              aria-label={t('assessment.figureLink', { name: r.subject.name, indicator: d.name })}
              onClick={() => setDrill({ subject, id: r.subject.id, name: r.subject.name, figure: f, indicator: d })}
            >
              {shown(f, d.kind)}
            </Button>
          );
        },
      };
    }),
  ];

  return (
    <Card
      title={t('assessment.title')}
      extra={
        a && (
          <Typography.Text type="secondary">
            {t('assessment.range', { from: a.period.firstDay, to: a.period.lastDay, pfrom: a.previousPeriod.firstDay, pto: a.previousPeriod.lastDay })}
          </Typography.Text>
        )
      }
    >
      <Space wrap size={16} style={{ marginBottom: 16 }}>
        <Segmented<AssessmentSubject>
          aria-label={t('assessment.subject')}
          value={subject}
          onChange={setSubject}
          options={ASSESSMENT_SUBJECTS.map((s) => ({ value: s, label: t(`assessment.subjects.${s}`) }))}
        />
        {subject === 'units' && (
          <Select
            aria-label={t('assessment.unitKind')}
            value={kind}
            onChange={setKind}
            style={{ width: 140 }}
            options={[{ value: 'all', label: t('assessment.allKinds') }, ...ASSESSED_UNIT_KINDS.map((k) => ({ value: k, label: t(`assessment.kinds.${k}`) }))]}
          />
        )}
        <Segmented<PeriodChoice['period']>
          aria-label={t('assessment.period')}
          value={period.period}
          onChange={(p) => setPeriod({ ...period, period: p })}
          options={(['day', 'week', 'month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`assessment.periods.${p}`) }))}
        />
        <Input type="date" aria-label={t('assessment.date')} value={period.date} onChange={(e) => e.target.value && setPeriod({ ...period, date: e.target.value })} style={{ width: 160 }} />
      </Space>
      <Table<AssessmentRow>
        size="small"
        rowKey={(r) => r.subject.id}
        loading={standings.isLoading}
        dataSource={a?.rows ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      />
      {a && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {a.weights.map((w) => `${t(`assessment.kinds.${w.kind}`)} — ${w.indicators.map((x) => `${defs.get(x.code)?.name ?? x.code} ${x.weight}`).join('，')}`).join('；')}
        </Typography.Paragraph>
      )}
      <DrillDrawer key={drill ? `${drill.subject}:${drill.id}:${drill.figure.code}` : 'none'} target={drill} period={period} onClose={() => setDrill(null)} />
    </Card>
  );
}
