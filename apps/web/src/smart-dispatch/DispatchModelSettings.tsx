/**
 * 智能分拨 in 系统管理 (administrators: permission dispatch.models; the server checks it too): 自动派遣 on or off with
 * its least confidence (GET/PUT /dispatch/auto), and the model's training runs — version, state, progress, the
 * evaluation on the newest dispatches (top-1 / top-3) and when it was trained (GET /dispatch/models) — with
 * 重新训练 starting a run in the background (POST /dispatch/models). While a run trains, the list is read again
 * every second. A run with no dispatch to evaluate on (a new deployment) shows no hit rate.
 */
import { useEffect } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Progress, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AutoDispatch, DispatchModelView } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';
import { showFieldError } from '../shared/form-errors.ts';
import { failureText } from '../admin/settings-shared.ts';

const S = 'smartDispatch.admin';
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

export function DispatchModelSettings() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <AutoDispatchForm />
      <ModelRuns />
    </Space>
  );
}

interface AutoValues {
  enabled: boolean;
  /** Percent, 50…100. */
  minConfidence: number;
}

function AutoDispatchForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<AutoValues>();
  const setting = useQuery({ queryKey: ['dispatch-auto'], queryFn: () => call('dispatch.autoSetting') });
  useEffect(() => {
    if (setting.data) form.setFieldsValue({ enabled: setting.data.enabled, minConfidence: Math.round(setting.data.minConfidence * 100) });
  }, [setting.data, form]);
  const save = useMutation({
    mutationFn: (v: AutoValues) => call('dispatch.setAuto', { body: { enabled: v.enabled, minConfidence: v.minConfidence / 100 } satisfies AutoDispatch }),
    onSuccess: (data) => {
      qc.setQueryData(['dispatch-auto'], data);
      void message.success(t('admin.settings.common.saved'));
    },
    onError: (e) => {
      if (!showFieldError(form, e, ['minConfidence'])) void message.error(failureText(e, t));
    },
  });
  return (
    <Card size="small" title={t(`${S}.autoTitle`)} role="region" aria-label={t(`${S}.autoTitle`)}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t(`${S}.autoHint`)}
      </Typography.Paragraph>
      {setting.isError && <Alert type="error" showIcon title={failureText(setting.error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)} disabled={!setting.data}>
        <Form.Item name="enabled" label={t(`${S}.auto`)} valuePropName="checked">
          <Switch aria-label={t(`${S}.auto`)} />
        </Form.Item>
        <Form.Item
          name="minConfidence"
          label={t(`${S}.minConfidence`)}
          rules={[{ required: true, type: 'number', min: 50, max: 100, message: t(`${S}.minConfidenceRange`) }]}
        >
          <InputNumber aria-label={t(`${S}.minConfidence`)} min={50} max={100} step={5} suffix="%" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t(`${S}.save`)}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function ModelRuns() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const models = useQuery({
    queryKey: ['dispatch-models'],
    queryFn: () => call('dispatch.models'),
    refetchInterval: (q) => (q.state.data?.items.some((m) => m.state === 'training') ? 1000 : false),
  });
  const train = useMutation({
    mutationFn: () => call('dispatch.train'),
    onSuccess: async (run) => {
      void message.success(t(`${S}.started`, { version: run.version }));
      await qc.invalidateQueries({ queryKey: ['dispatch-models'] });
    },
    onError: (e) => void message.error(failureText(e, t)),
  });
  const items = models.data?.items ?? [];
  const inUse = items.find((m) => m.state === 'ready')?.version;
  const training = items.some((m) => m.state === 'training');
  return (
    <Card
      size="small"
      title={t(`${S}.modelsTitle`)}
      role="region"
      aria-label={t(`${S}.modelsTitle`)}
      extra={
        <Button onClick={() => train.mutate()} loading={train.isPending} disabled={training}>
          {t(`${S}.retrain`)}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t(`${S}.modelsHint`)}
      </Typography.Paragraph>
      <Table
        size="small"
        bordered
        rowKey="version"
        aria-label={t(`${S}.modelsTitle`)}
        loading={models.isLoading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t(`${S}.none`) }}
        columns={[
          { title: t(`${S}.version`), dataIndex: 'version', width: 90, render: (v: number) => `v${v}` },
          {
            title: t(`${S}.state`),
            key: 'state',
            width: 200,
            render: (_: unknown, m: DispatchModelView) =>
              m.state === 'training' ? (
                <Space size={6}>
                  <Tag color="processing">{t(`${S}.states.training`)}</Tag>
                  <Progress percent={Math.round(m.progress * 100)} size="small" style={{ width: 90, margin: 0 }} aria-label={`${t(`${S}.progress`)} ${Math.round(m.progress * 100)}%`} />
                </Space>
              ) : (
                <Space size={4}>
                  <Tag color={m.state === 'ready' ? 'green' : 'red'} title={m.error ?? undefined}>
                    {t(`${S}.states.${m.state}`)}
                  </Tag>
                  {m.version === inUse && <Tag color="blue">{t(`${S}.inUse`)}</Tag>}
                </Space>
              ),
          },
          { title: t(`${S}.top1`), key: 'top1', width: 110, render: (_: unknown, m: DispatchModelView) => (m.evaluation?.heldOut ? percent(m.evaluation.top1) : '—') },
          { title: t(`${S}.top3`), key: 'top3', width: 110, render: (_: unknown, m: DispatchModelView) => (m.evaluation?.heldOut ? percent(m.evaluation.top3) : '—') },
          { title: t(`${S}.heldOut`), key: 'heldOut', width: 100, render: (_: unknown, m: DispatchModelView) => m.evaluation?.heldOut ?? '—' },
          {
            title: t(`${S}.examples`),
            key: 'examples',
            render: (_: unknown, m: DispatchModelView) =>
              m.state === 'ready' ? t(`${S}.examplesValue`, { dispatches: m.examples.dispatches ?? 0, returns: m.examples.returns ?? 0, conditions: m.examples.conditions ?? 0 }) : '—',
          },
          { title: t(`${S}.trainedAt`), dataIndex: 'trainedAt', width: 170, render: (v: string | null) => (v ? formatTime(v) : '—') },
        ]}
      />
    </Card>
  );
}
