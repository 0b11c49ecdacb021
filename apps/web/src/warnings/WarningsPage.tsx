/**
 * 预警: the warnings in the reader's scope (GET /api/v1/warnings) with their filters, each opening a drawer with its
 * explanation, its numbers and the orders behind it, and the acknowledge / resolve buttons the server allows
 * (`allowedActions`); for administrators, the rules' thresholds (WarningRules) and a run on demand.
 */
import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { WARNING_KIND_LABELS, WARNING_KINDS, WARNING_STATE_LABELS, WARNING_STATES, type Me, type WarningKind, type WarningState, type WarningView } from '@liandong/contracts';
import { pick } from '../i18n.ts';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';
import { WarningDrawer } from './WarningDrawer.tsx';
import { KIND_COLOURS, STATE_COLOURS, subjectText } from './warning-labels.ts';
import { WarningRules } from './WarningRules.tsx';

const num = (x: number | null) => (x === null ? '—' : String(Math.round(x * 100) / 100));

export function WarningsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const mayRules = me.permissions.includes('warnings.rules');
  return (
    <Card title={t('warnings.title')}>
      {mayRules ? (
        <Tabs
          destroyOnHidden
          items={[
            { key: 'list', label: t('warnings.list'), children: <WarningList mayRun /> },
            { key: 'rules', label: t('warnings.rulesTab'), children: <WarningRules /> },
          ]}
        />
      ) : (
        <WarningList mayRun={false} />
      )}
    </Card>
  );
}

function WarningList({ mayRun }: { mayRun: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [state, setState] = useState<WarningState | 'open' | 'all'>('open');
  const [kind, setKind] = useState<WarningKind | 'all'>('all');
  const [area, setArea] = useState('');
  const [since, setSince] = useState('');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(null);
  const query = {
    page,
    pageSize: 20,
    ...(state !== 'all' ? { state } : {}),
    ...(kind !== 'all' ? { kind } : {}),
    ...(/^[0-9]{12}$/.test(area) ? { area } : {}),
    ...(since ? { since: new Date(`${since}T00:00:00+08:00`).toISOString() } : {}),
  };
  const list = useQuery({ queryKey: ['warnings', query, i18n.language], queryFn: () => call('warnings.list', { query }), refetchInterval: 60_000 });
  const summary = useQuery({ queryKey: ['warnings-summary', i18n.language], queryFn: () => call('warnings.summary'), refetchInterval: 60_000 });
  const run = useMutation({
    mutationFn: () => call('warnings.run'),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['warnings'] });
      await qc.invalidateQueries({ queryKey: ['warnings-summary'] });
    },
  });
  const reset = () => setPage(1);
  return (
    <>
      <Space wrap size={12} style={{ marginBottom: 12 }}>
        {summary.data && (
          <Typography.Text strong role="status">
            {t('warnings.summary', { open: summary.data.open, n: summary.data.new })}
          </Typography.Text>
        )}
        {summary.data?.byKind.map((k) => (
          <Tag key={k.kind} color={k.open ? KIND_COLOURS[k.kind] : 'default'}>
            {k.label} {k.open}
          </Tag>
        ))}
        <Typography.Text type="secondary">
          {summary.data?.lastRunAt ? t('warnings.lastRun', { at: formatTime(summary.data.lastRunAt) }) : t('warnings.never')}
        </Typography.Text>
        {mayRun && (
          <Button onClick={() => run.mutate()} loading={run.isPending}>
            {t('warnings.runNow')}
          </Button>
        )}
        {run.data && <Typography.Text type="success">{t('warnings.ran', { n: run.data.raised })}</Typography.Text>}
      </Space>
      {run.error && <Alert type="error" showIcon title={run.error.message} style={{ marginBottom: 12 }} />}
      <Space wrap size={12} style={{ marginBottom: 16 }} aria-label={t('warnings.filters')} role="group">
        <Select
          aria-label={t('warnings.state')}
          value={state}
          onChange={(v) => {
            setState(v);
            reset();
          }}
          style={{ width: 130 }}
          options={[
            { value: 'open', label: t('warnings.open') },
            ...WARNING_STATES.map((s) => ({ value: s, label: pick(WARNING_STATE_LABELS[s], i18n.language) })),
            { value: 'all', label: t('warnings.allStates') },
          ]}
        />
        <Select
          aria-label={t('warnings.kind')}
          value={kind}
          onChange={(v) => {
            setKind(v);
            reset();
          }}
          style={{ width: 140 }}
          options={[{ value: 'all', label: t('warnings.allKinds') }, ...WARNING_KINDS.map((k) => ({ value: k, label: pick(WARNING_KIND_LABELS[k], i18n.language) }))]}
        />
        <Input
          aria-label={t('warnings.area')}
          placeholder={t('warnings.areaPlaceholder')}
          value={area}
          onChange={(e) => {
            setArea(e.target.value.trim());
            reset();
          }}
          allowClear
          style={{ width: 200 }}
        />
        <Input
          type="date"
          aria-label={t('warnings.since')}
          value={since}
          onChange={(e) => {
            setSince(e.target.value);
            reset();
          }}
          style={{ width: 160 }}
        />
      </Space>
      <Table<WarningView>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: t('warnings.raisedAt'), dataIndex: 'raisedAt', width: 140, render: (v: string) => formatTime(v) },
          { title: t('warnings.kind'), dataIndex: 'kind', width: 96, render: (k: WarningKind) => <Tag color={KIND_COLOURS[k]}>{pick(WARNING_KIND_LABELS[k], i18n.language)}</Tag> },
          {
            title: t('warnings.titleCol'),
            dataIndex: 'title',
            render: (title: string, w) => (
              <Button type="link" size="small" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }} aria-label={t('warnings.openOne', { title })} onClick={() => setOpenId(w.id)}>
                {title}
              </Button>
            ),
          },
          { title: t('warnings.subject'), key: 'subject', width: 220, ellipsis: true, render: (_: unknown, w) => subjectText(w, t) },
          {
            title: t('warnings.figures'),
            key: 'figures',
            width: 150,
            align: 'right' as const,
            render: (_: unknown, w) => `${num(w.figures.observed)} / ${num(w.figures.expected)} / ${num(w.figures.threshold)}`,
          },
          { title: t('warnings.state'), dataIndex: 'state', width: 88, render: (s: WarningState) => <Tag color={STATE_COLOURS[s]}>{pick(WARNING_STATE_LABELS[s], i18n.language)}</Tag> },
        ]}
      />
      <WarningDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
