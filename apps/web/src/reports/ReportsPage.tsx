/**
 * 分析报告: the analysis reports in the reader's scope (GET /api/v1/analysis-reports) — title, area, period, the
 * headline figures, who and when — each viewed as its HTML page or downloaded as .docx; for those who may, a form
 * that generates one for an area he covers (the district or a town) and a month, quarter, year or custom days.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AnalysisReportView, DivisionView, Me } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';

const PERIODS = ['month', 'quarter', 'year', 'custom'] as const;
type PeriodChoice = (typeof PERIODS)[number];
const pct = (x: number | null) => (x === null ? '—' : `${x}%`);
/** Today in China, YYYY-MM-DD. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The district and towns the user may report on: those his areas hold (administrators: all). */
function scopesOf(me: Me, divisions: DivisionView[]): DivisionView[] {
  const all = me.roles.includes('admin');
  return divisions.filter((d) => (d.level === 'district' || d.level === 'town') && (all || me.areaCodes.includes(d.code) || (d.level === 'town' && d.parentCode !== null && me.areaCodes.includes(d.parentCode))));
}

export function ReportsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const divisions = useQuery({ queryKey: ['divisions'], queryFn: () => call('territory.listDivisions'), staleTime: 600_000 });
  const scopes = useMemo(() => scopesOf(me, divisions.data ?? []), [me, divisions.data]);
  return (
    <Card title={t('reports.title')}>
      <Typography.Paragraph type="secondary">{t('reports.intro')}</Typography.Paragraph>
      {me.permissions.includes('reports.generate') && scopes.length > 0 && <GenerateForm scopes={scopes} />}
      <ReportList scopes={scopes} />
    </Card>
  );
}

function GenerateForm({ scopes }: { scopes: DivisionView[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [scope, setScope] = useState(scopes[0]!.code);
  const [period, setPeriod] = useState<PeriodChoice>('month');
  const [date, setDate] = useState(today());
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const generate = useMutation({
    mutationFn: () => call('analysisReports.generate', { body: { scope, period, ...(period === 'custom' ? { from: from || undefined, to: to || undefined } : { date: date || undefined }) } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['analysis-reports'] }),
  });
  return (
    <div role="group" aria-label={t('reports.generateForm')} style={{ marginBottom: 16 }}>
      <Space wrap size={12}>
        <Select aria-label={t('reports.scope')} value={scope} onChange={setScope} style={{ width: 180 }} options={scopes.map((d) => ({ value: d.code, label: d.name }))} />
        <Select aria-label={t('reports.period')} value={period} onChange={setPeriod} style={{ width: 110 }} options={PERIODS.map((p) => ({ value: p, label: t(`reports.periods.${p}`) }))} />
        {period === 'custom' ? (
          <>
            <Input type="date" aria-label={t('reports.from')} value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 160 }} />
            <Input type="date" aria-label={t('reports.to')} value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 160 }} />
          </>
        ) : (
          <Input type="date" aria-label={t('reports.date')} value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 160 }} />
        )}
        <Button type="primary" onClick={() => generate.mutate()} loading={generate.isPending}>
          {generate.isPending ? t('reports.generating') : t('reports.generate')}
        </Button>
        {generate.data && !generate.isPending && (
          <Typography.Text type="success" role="status">
            {t('reports.generated', { title: generate.data.title })}
          </Typography.Text>
        )}
      </Space>
      {generate.error && <Alert type="error" showIcon title={generate.error.message} style={{ marginTop: 12 }} />}
    </div>
  );
}

function ReportList({ scopes }: { scopes: DivisionView[] }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<string>('all');
  const [page, setPage] = useState(1);
  const query = { page, pageSize: 20, ...(scope !== 'all' ? { scope } : {}) };
  const list = useQuery({ queryKey: ['analysis-reports', query], queryFn: () => call('analysisReports.list', { query }) });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text strong>{t('reports.list')}</Typography.Text>
        {scopes.length > 1 && (
          <Select
            aria-label={t('reports.filterScope')}
            value={scope}
            onChange={(v) => {
              setScope(v);
              setPage(1);
            }}
            style={{ width: 180 }}
            options={[{ value: 'all', label: t('reports.allScopes') }, ...scopes.map((d) => ({ value: d.code, label: d.name }))]}
          />
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<AnalysisReportView>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('reports.empty') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('reports.colTitle'), dataIndex: 'title', ellipsis: true },
          { title: t('reports.colScope'), width: 110, render: (_, r) => r.scope.name },
          { title: t('reports.colPeriod'), width: 200, render: (_, r) => `${r.period.firstDay} ~ ${r.period.lastDay}` },
          { title: t('reports.colReceived'), width: 80, align: 'right', render: (_, r) => r.figures.received },
          { title: t('reports.colCompletion'), width: 110, align: 'right', render: (_, r) => pct(r.figures.completionRate) },
          { title: t('reports.colSatisfaction'), width: 110, align: 'right', render: (_, r) => pct(r.figures.satisfactionRate) },
          { title: t('reports.colBy'), width: 130, ellipsis: true, render: (_, r) => r.generatedBy?.name ?? t('reports.schedule') },
          { title: t('reports.colAt'), width: 150, render: (_, r) => formatTime(r.generatedAt) },
          {
            title: t('reports.colActions'),
            width: 170,
            render: (_, r) => (
              <Space size={4}>
                <a href={r.htmlUrl} target="_blank" rel="noreferrer" aria-label={t('reports.viewOne', { title: r.title })}>
                  {t('reports.view')}
                </a>
                <a href={r.docxUrl} download aria-label={t('reports.downloadOne', { title: r.title })}>
                  {t('reports.download')}
                </a>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
