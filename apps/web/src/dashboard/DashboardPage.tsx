/**
 * 统计分析 (the leaders' dashboard): headline figures beside the previous period, the series by day, the rates,
 * breakdowns by town, unit, class, channel and nature, the resolution shape, hot problems and places, and towns
 * and units ranked — all from the statistics API under one filter bar whose choices every panel asks with, clipped
 * to the reader's scope by the server. A figure, a bar or a slice opens its orders (StatsDrawer); every chart
 * exports as a PNG and its data, like every table, as an .xlsx. Loaded as its own chunk (ECharts, exceljs).
 */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, Card, Col, Input, Row, Segmented, Select, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RESOLUTION_LEVELS, STAT_RATES, type StatDimension, type StatFigures, type StatMeasure, type StatRate, type StatsBreakdown } from '@liandong/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';
import { chinaToday } from '../assessment/period.ts';
import { EChart, type ChartHandle } from './EChart.tsx';
import { exportXlsx } from './export-xlsx.ts';
import { StatsDrawer, type StatsDrill } from './StatsDrawer.tsx';
import type { StatsFilters } from './filters.ts';

type Row = StatsBreakdown['rows'][number];
const HEADLINE: (StatMeasure | StatRate)[] = ['received', 'closed', 'open', 'overdue', 'completionRate', 'onTimeRate', 'satisfactionRate', 'directCloseRate'];
const RATES: StatRate[] = ['completionRate', 'onTimeRate', 'satisfactionRate', 'directCloseRate'];
const isRate = (x: string): x is StatRate => x in STAT_RATES;
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);

/** A chart in a card with its PNG and .xlsx exports. */
function ChartCard(props: { title: string; option: EChartsCoreOption; sheet: { columns: string[]; rows: (string | number | null)[][] }; onPick?: (name: string, index: number, series: number) => void; height?: number }) {
  const { t } = useTranslation();
  const chart = useRef<ChartHandle>(null);
  return (
    <Card
      size="small"
      title={props.title}
      extra={
        <Space size={4}>
          <Tooltip title={t('dashboard.png', { name: props.title })}>
            <Button size="small" icon={<DownloadOutlined />} aria-label={t('dashboard.png', { name: props.title })} onClick={() => chart.current?.exportPng(`${props.title}.png`)} />
          </Tooltip>
          <Tooltip title={t('dashboard.xlsx', { name: props.title })}>
            <Button
              size="small"
              icon={<FileExcelOutlined />}
              aria-label={t('dashboard.xlsx', { name: props.title })}
              onClick={() => void exportXlsx(`${props.title}.xlsx`, props.title, props.sheet.columns.map((header) => ({ header })), props.sheet.rows)}
            />
          </Tooltip>
        </Space>
      }
    >
      <EChart ref={chart} option={props.option} label={t('dashboard.chartLabel', { name: props.title })} height={props.height} onPick={props.onPick} />
    </Card>
  );
}

const barOption = (rows: Row[], horizontal = false): EChartsCoreOption => {
  const names = rows.map((r) => r.name);
  const values = rows.map((r) => r.figures.received);
  const cat = { type: 'category', data: horizontal ? [...names].reverse() : names, axisLabel: { interval: 0, rotate: horizontal ? 0 : names.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' } };
  const val = { type: 'value', minInterval: 1 };
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: horizontal ? 120 : 40, right: 16, top: 16, bottom: horizontal ? 24 : 64 },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? cat : val,
    series: [{ type: 'bar', data: horizontal ? [...values].reverse() : values, itemStyle: { color: '#1677ff' }, barMaxWidth: 28 }],
  };
};
const pieOption = (data: { name: string; value: number }[]): EChartsCoreOption => ({
  tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
  legend: { bottom: 0, type: 'scroll' },
  series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data, label: { formatter: '{b}\n{d}%' } }],
});

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<StatsFilters>({ period: 'month', date: chinaToday() });
  const [drill, setDrill] = useState<StatsDrill | null>(null);
  const lang = i18n.language;
  const q = (dimension: StatDimension, extra: { limit?: number; sort?: StatMeasure } = {}, f: StatsFilters = filters) =>
    ({ queryKey: ['stats-breakdown', dimension, extra, f, lang], queryFn: () => call('statistics.breakdown', { params: { dimension }, query: { ...f, ...extra } }) }) as const;
  const headline = useQuery({ queryKey: ['stats-headline', filters, lang], queryFn: () => call('statistics.headline', { query: filters }) });
  const series = useQuery({ queryKey: ['stats-series', filters, lang], queryFn: () => call('statistics.series', { query: filters }) });
  const towns = useQuery(q('town'));
  const units = useQuery(q('unit', { limit: 15 }));
  const majors = useQuery(q('major'));
  const channels = useQuery(q('channel'));
  const natures = useQuery(q('nature'));
  const hotCategories = useQuery(q('category', { limit: 10 }));
  const hotPlaces = useQuery(q('village', { limit: 10 }));
  // The filter bar's choices: what the reader's scope holds in the period, whatever else is chosen.
  const bare = { period: filters.period, date: filters.date };
  const townChoices = useQuery(q('town', {}, bare));
  const majorChoices = useQuery(q('major', {}, bare));
  const channelChoices = useQuery(q('channel', {}, bare));
  const natureChoices = useQuery(q('nature', {}, bare));
  const unitChoices = useQuery(q('unit', { limit: 200 }, bare));

  const h = headline.data;
  const set = (patch: Partial<StatsFilters>) => setFilters((f) => Object.fromEntries(Object.entries({ ...f, ...patch }).filter(([, v]) => v !== undefined && v !== null && v !== '')) as unknown as StatsFilters);
  const choices = (d: StatsBreakdown | undefined) => [{ value: '', label: t('dashboard.all') }, ...(d?.rows ?? []).filter((r) => r.key !== '').map((r) => ({ value: r.key, label: r.name }))];

  const openFigure = (code: StatMeasure | StatRate, f: StatFigures, extra: Partial<StatsDrill> = {}, name?: string) => {
    const label = isRate(code) ? t(`dashboard.rates.${code}`) : t(`dashboard.measures.${code}`);
    const measures = isRate(code) ? STAT_RATES[code].map((m) => ({ measure: m, n: f[m] })) : [{ measure: code, n: f[code] }];
    setDrill({ title: t('dashboard.drillTitle', { name: name ? `${name} · ${label}` : label, n: isRate(code) ? pct(f[code]) : f[code] }), measures, ...extra });
  };
  const openRow = (dimension: StatDimension, rows: Row[] | undefined) => (_: string, index: number) => {
    const r = rows?.[index];
    if (r) openFigure('received', r.figures, { dimension, key: r.key }, r.name);
  };
  const openBarH = (dimension: StatDimension, rows: Row[] | undefined) => (_: string, index: number) => openRow(dimension, rows)('', (rows?.length ?? 0) - 1 - index);

  const sheetOf = (rows: Row[] | undefined) => ({
    columns: [t('dashboard.name'), ...(['received', 'closed', 'open', 'overdue'] as const).map((m) => t(`dashboard.measures.${m}`)), ...RATES.map((r) => t(`dashboard.rates.${r}`))],
    rows: (rows ?? []).map((r) => [r.name, r.figures.received, r.figures.closed, r.figures.open, r.figures.overdue, ...RATES.map((x) => r.figures[x])]),
  });

  const seriesOption = useMemo<EChartsCoreOption>(() => {
    const pts = series.data?.points ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: pts.map((p) => p.bucket.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('dashboard.measures.received'), type: 'bar', data: pts.map((p) => p.figures.received), itemStyle: { color: '#1677ff' } },
        { name: t('dashboard.measures.closed'), type: 'line', data: pts.map((p) => p.figures.closed), itemStyle: { color: '#52c41a' } },
      ],
    };
  }, [series.data, t]);
  const ratesOption = useMemo<EChartsCoreOption>(() => {
    const pts = series.data?.points ?? [];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: pts.map((p) => p.bucket.slice(5)) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: RATES.map((r) => ({ name: t(`dashboard.rates.${r}`), type: 'line', connectNulls: true, data: pts.map((p) => p.figures[r]) })),
    };
  }, [series.data, t]);
  const pieOf = (d: StatsBreakdown | undefined) => pieOption((d?.rows ?? []).map((r) => ({ name: r.name, value: r.figures.received })));
  const resolutionData = RESOLUTION_LEVELS.map((l) => ({ name: t(`dashboard.levels.${l}`), value: h?.resolution[l] ?? 0 }));

  const rankColumns = (dimension: StatDimension) => [
    { title: t('dashboard.rank'), key: 'rank', width: 56, render: (_: unknown, __: Row, i: number) => i + 1 },
    { title: t('dashboard.name'), dataIndex: 'name', ellipsis: true },
    ...(['received', 'closed', 'open', 'overdue'] as const).map((m) => ({
      title: t(`dashboard.measures.${m}`),
      key: m,
      width: 92,
      align: 'right' as const,
      render: (_: unknown, r: Row) => (
        <Button type="link" size="small" style={{ padding: 0 }} aria-label={`${r.name} ${t(`dashboard.measures.${m}`)}`} onClick={() => openFigure(m, r.figures, { dimension, key: r.key }, r.name)}>
          {r.figures[m]}
        </Button>
      ),
    })),
    ...RATES.map((x) => ({
      title: t(`dashboard.rates.${x}`),
      key: x,
      width: 100,
      align: 'right' as const,
      render: (_: unknown, r: Row) =>
        r.figures[x] === null ? (
          '—'
        ) : (
          <Button type="link" size="small" style={{ padding: 0 }} aria-label={`${r.name} ${t(`dashboard.rates.${x}`)}`} onClick={() => openFigure(x, r.figures, { dimension, key: r.key }, r.name)}>
            {pct(r.figures[x])}
          </Button>
        ),
    })),
  ];
  const ranked = (rows: Row[] | undefined) => [...(rows ?? [])].sort((a, b) => (b.figures.completionRate ?? -1) - (a.figures.completionRate ?? -1) || b.figures.received - a.figures.received);
  const rankTable = (title: string, dimension: StatDimension, rows: Row[] | undefined, extra?: ReactNode) => (
    <Card
      size="small"
      title={title}
      extra={
        <Space>
          {extra}
          <Button size="small" icon={<FileExcelOutlined />} onClick={() => void exportXlsx(`${title}.xlsx`, title, [{ header: t('dashboard.rank'), width: 8 }, ...sheetOf(ranked(rows)).columns.map((header) => ({ header }))], sheetOf(ranked(rows)).rows.map((r, i) => [i + 1, ...r]))}>
            {t('dashboard.xlsx', { name: title })}
          </Button>
        </Space>
      }
    >
      <Table<Row> size="small" rowKey="key" dataSource={ranked(rows)} columns={rankColumns(dimension)} pagination={false} scroll={{ x: 'max-content', y: 360 }} />
    </Card>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} className="dashboard">
      <Card
        size="small"
        title={t('dashboard.title')}
        extra={h && <Typography.Text type="secondary">{t('dashboard.range', { from: h.period.firstDay, to: h.period.lastDay, pfrom: h.previousPeriod.firstDay, pto: h.previousPeriod.lastDay })}</Typography.Text>}
      >
        <Space wrap size={12} role="group" aria-label={t('dashboard.filters')}>
          <Segmented<StatsFilters['period']>
            aria-label={t('dashboard.period')}
            value={filters.period}
            onChange={(period) => set({ period })}
            options={(['day', 'week', 'month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`dashboard.periods.${p}`) }))}
          />
          <Input type="date" aria-label={t('dashboard.date')} value={filters.date} onChange={(e) => e.target.value && set({ date: e.target.value })} style={{ width: 150 }} />
          <Select aria-label={t('dashboard.town')}
            prefix={t('dashboard.town')} value={filters.town ?? ''} onChange={(town) => set({ town: town || undefined })} options={choices(townChoices.data)} style={{ width: 210 }} />
          <Select aria-label={t('dashboard.category')}
            prefix={t('dashboard.category')} value={filters.category ?? ''} onChange={(category) => set({ category: category || undefined })} options={choices(majorChoices.data)} style={{ width: 200 }} showSearch={{ optionFilterProp: 'label' }} />
          <Select aria-label={t('dashboard.channel')}
            prefix={t('dashboard.channel')} value={filters.channel ?? ''} onChange={(channel) => set({ channel: channel || undefined })} options={choices(channelChoices.data)} style={{ width: 170 }} />
          <Select aria-label={t('dashboard.nature')}
            prefix={t('dashboard.nature')} value={filters.nature ?? ''} onChange={(nature) => set({ nature: nature || undefined })} options={choices(natureChoices.data)} style={{ width: 180 }} />
          <Select
            aria-label={t('dashboard.unit')}
            prefix={t('dashboard.unit')}
            value={filters.unit ? String(filters.unit) : ''}
            onChange={(unit) => set({ unit: unit ? Number(unit) : undefined })}
            options={choices(unitChoices.data)}
            style={{ width: 260 }}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <Button onClick={() => setFilters({ period: filters.period, date: filters.date })}>{t('dashboard.reset')}</Button>
          {h && <Typography.Text type="secondary">{t('dashboard.asOf', { time: formatTime(h.asOf) })}</Typography.Text>}
        </Space>
      </Card>

      <Row gutter={[12, 12]}>
        {HEADLINE.map((code) => {
          const label = isRate(code) ? t(`dashboard.rates.${code}`) : t(`dashboard.measures.${code}`);
          const value = h ? h.figures[code] : null;
          const before = h ? h.previous[code] : null;
          const shown = isRate(code) ? pct(value) : String(value ?? '—');
          return (
            <Col key={code} xs={12} md={6} xl={3}>
              <Card size="small" className="dashboard-figure" loading={headline.isLoading}>
                <Button type="text" block style={{ height: 'auto', padding: 0, textAlign: 'left' }} aria-label={`${label} ${shown}`} disabled={!h} onClick={() => h && openFigure(code, h.figures)}>
                  <Statistic title={label} value={shown} valueStyle={{ color: code === 'overdue' && value ? '#cf1322' : undefined }} />
                </Button>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('dashboard.previous', { value: isRate(code) ? pct(before) : (before ?? '—') })}
                </Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dashboard.charts.series')}
            option={seriesOption}
            sheet={{ columns: ['', t('dashboard.measures.received'), t('dashboard.measures.closed')], rows: (series.data?.points ?? []).map((p) => [p.bucket, p.figures.received, p.figures.closed]) }}
            onPick={(_, i) => {
              const p = series.data?.points[i];
              if (p && series.data?.bucket === 'day') openFigure('received', p.figures, { day: p.bucket }, p.bucket);
            }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dashboard.charts.rates')}
            option={ratesOption}
            sheet={{ columns: ['', ...RATES.map((r) => t(`dashboard.rates.${r}`))], rows: (series.data?.points ?? []).map((p) => [p.bucket, ...RATES.map((r) => p.figures[r])]) }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('dashboard.charts.town')} option={barOption(towns.data?.rows ?? [])} sheet={sheetOf(towns.data?.rows)} onPick={openRow('town', towns.data?.rows)} />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('dashboard.charts.unit')} option={barOption(units.data?.rows ?? [], true)} sheet={sheetOf(units.data?.rows)} onPick={openBarH('unit', units.data?.rows)} height={360} />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('dashboard.charts.major')} option={barOption(majors.data?.rows ?? [])} sheet={sheetOf(majors.data?.rows)} onPick={openRow('major', majors.data?.rows)} />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('dashboard.charts.resolution')}
            option={pieOption(resolutionData)}
            sheet={{ columns: ['', t('dashboard.measures.closed')], rows: resolutionData.map((d) => [d.name, d.value]) }}
            onPick={(_, i) => {
              const level = RESOLUTION_LEVELS[i]!;
              if (h) setDrill({ title: t('dashboard.drillTitle', { name: `${t('dashboard.charts.resolution')} · ${t(`dashboard.levels.${level}`)}`, n: h.resolution[level] }), measures: [{ measure: 'closed', n: h.resolution[level] }], solved: level });
            }}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <ChartCard title={t('dashboard.charts.channel')} option={pieOf(channels.data)} sheet={sheetOf(channels.data?.rows)} onPick={openRow('channel', channels.data?.rows)} />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <ChartCard title={t('dashboard.charts.nature')} option={pieOf(natures.data)} sheet={sheetOf(natures.data?.rows)} onPick={openRow('nature', natures.data?.rows)} />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <ChartCard title={t('dashboard.charts.hotCategories')} option={barOption(hotCategories.data?.rows ?? [], true)} sheet={sheetOf(hotCategories.data?.rows)} onPick={openBarH('category', hotCategories.data?.rows)} />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <ChartCard title={t('dashboard.charts.hotPlaces')} option={barOption(hotPlaces.data?.rows ?? [], true)} sheet={sheetOf(hotPlaces.data?.rows)} onPick={openBarH('village', hotPlaces.data?.rows)} />
        </Col>
        <Col xs={24} xl={12}>
          {rankTable(t('dashboard.ranking'), 'town', towns.data?.rows, <Link to="/assessment">{t('dashboard.toAssessment')}</Link>)}
        </Col>
        <Col xs={24} xl={12}>
          {rankTable(t('dashboard.unitRanking'), 'unit', units.data?.rows)}
        </Col>
      </Row>
      <StatsDrawer key={drill ? JSON.stringify(drill) : 'none'} drill={drill} filters={filters} onClose={() => setDrill(null)} />
    </Space>
  );
}
