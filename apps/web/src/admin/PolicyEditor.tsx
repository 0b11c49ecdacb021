/**
 * 督办策略: the ladder and escalation policies as a table (step, trigger as a share of the step's limit, action,
 * level, scope, task limit, whom it notifies, on/off), each changed in a form (PATCH /supervision/policies/:id).
 */
import { useState } from 'react';
import { Alert, App, Button, Form, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { FormModal } from '../shared/FormModal.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORDER_LEVEL_LABELS, STEP_LABELS, STEPS, URGENCY_LABELS, type PolicyUpdate, type PolicyView, type SupervisionLevelView, type Urgency } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { pick } from '../i18n.ts';
import { failureText, useSupervisionLevels } from './settings-shared.ts';
import { showFieldError } from '../shared/form-errors.ts';

const P = 'admin.settings.policies';
/** 0.7 → 70 (%), without 70.00000000000001. */
const percentOf = (share: number) => Math.round(share * 10_000) / 100;

export function PolicyEditor() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [editing, setEditing] = useState<PolicyView | null>(null);
  const policies = useQuery({ queryKey: ['supervision-policies'], queryFn: () => call('supervision.listPolicies') });
  // In the order of an order's life (受理 → 回访), then by trigger.
  const rows = [...(policies.data ?? [])].sort((a, b) => STEPS.indexOf(a.step) - STEPS.indexOf(b.step) || a.share - b.share || a.id - b.id);
  const levels = useSupervisionLevels(lang);
  const levelName = (level: number) => {
    const l = levels.data?.find((x) => x.level === level);
    return l ? pick({ zh: l.nameZh, en: l.nameEn }, lang) : String(level);
  };
  const scope = (p: PolicyView) => {
    const parts = [
      p.categoryPrefix && t(`${P}.categoryPrefix`, { prefix: p.categoryPrefix }),
      p.urgency && t(`${P}.urgency`, { value: p.urgency in URGENCY_LABELS ? pick(URGENCY_LABELS[p.urgency as Urgency], lang) : p.urgency }),
      p.orderLevel && t(`${P}.orderLevel`, { value: pick(ORDER_LEVEL_LABELS[p.orderLevel], lang) }),
    ].filter(Boolean);
    return parts.length ? parts.join(t(`${P}.scopeSeparator`)) : t(`${P}.allOrders`);
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t(`${P}.hint`)}</Typography.Text>
      <Table
        size="small"
        rowKey="id"
        bordered
        aria-label={t(`${P}.title`)}
        loading={policies.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1100 }}
        columns={[
          { title: t(`${P}.name`), dataIndex: 'name', ellipsis: true },
          { title: t(`${P}.step`), dataIndex: 'step', width: 72, render: (s: PolicyView['step']) => pick(STEP_LABELS[s], lang) },
          { title: t(`${P}.share`), dataIndex: 'share', width: 120, render: (s: number) => t(`${P}.shareValue`, { value: percentOf(s) }) },
          {
            title: t(`${P}.action`),
            dataIndex: 'action',
            width: 84,
            render: (a: PolicyView['action']) => <Tag color={a === 'escalate' ? 'purple' : 'blue'}>{t(`${P}.actions.${a}`)}</Tag>,
          },
          { title: t(`${P}.level`), dataIndex: 'level', width: 130, render: (l: number | null) => (l === null ? '—' : t(`${P}.levelOf`, { level: l, name: levelName(l) })) },
          { title: t(`${P}.scope`), key: 'scope', width: 150, render: (_: unknown, p: PolicyView) => scope(p) },
          { title: t(`${P}.taskHoursColumn`), dataIndex: 'taskHours', width: 110, render: (h: number | null) => (h === null ? '—' : t(`${P}.taskHoursValue`, { n: h })) },
          {
            title: t(`${P}.notify`),
            dataIndex: 'notify',
            width: 220,
            render: (n: PolicyView['notify'], p: PolicyView) =>
              p.action === 'escalate' ? '—' : n === null ? <Typography.Text type="secondary">{t(`${P}.levelDefault`)}</Typography.Text> : n.map((x) => <Tag key={x}>{t(`${P}.targets.${x}`)}</Tag>),
          },
          {
            title: t(`${P}.status`),
            dataIndex: 'active',
            width: 72,
            render: (a: boolean) => (a ? <Tag color="green">{t('admin.settings.common.enabled')}</Tag> : <Tag>{t('admin.settings.common.disabled')}</Tag>),
          },
          {
            title: t('admin.settings.common.actions'),
            key: 'op',
            width: 72,
            fixed: 'right',
            render: (_: unknown, p: PolicyView) => (
              <Button type="link" size="small" aria-label={`${t('admin.settings.common.edit')} ${p.name}`} onClick={() => setEditing(p)}>
                {t('admin.settings.common.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && <PolicyForm policy={editing} levels={levels.data ?? []} onClose={() => setEditing(null)} />}
    </Space>
  );
}

interface PolicyValues {
  percent: number;
  level?: number;
  taskHours?: number | null;
  active: boolean;
}

function PolicyForm({ policy, levels, onClose }: { policy: PolicyView; levels: readonly SupervisionLevelView[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<PolicyValues>();
  const [error, setError] = useState<string | null>(null);
  const level = Form.useWatch('level', form);
  const supervise = policy.action === 'supervise';
  const levelDef = levels.find((l) => l.level === level);
  const save = useMutation({
    mutationFn: (body: PolicyUpdate) => call('supervision.updatePolicy', { params: { id: policy.id }, body }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['supervision-policies'] });
      void message.success(t('admin.settings.common.saved'));
      onClose();
    },
    // The server names `share` where the form asks for a percentage.
    onError: (e) => {
      if (!showFieldError(form, e, ['percent', 'level', 'taskHours', 'active'], { share: 'percent' })) setError(failureText(e, t));
    },
  });
  const submit = (v: PolicyValues) => {
    setError(null);
    save.mutate({
      share: v.percent / 100,
      ...(supervise && v.level !== undefined ? { level: v.level } : {}),
      ...(supervise && levelDef?.hasTask && v.taskHours != null ? { taskHours: v.taskHours } : {}),
      active: v.active,
    });
  };
  const P_ = (k: string) => t(`${P}.${k}`);
  return (
    <FormModal title={t(`${P}.editTitle`, { name: policy.name })} form={form} onCancel={onClose} busy={save.isPending} width={560}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ percent: percentOf(policy.share), level: policy.level ?? undefined, taskHours: policy.taskHours, active: policy.active }}
        onFinish={submit}
      >
        <Form.Item
          name="percent"
          label={P_('sharePercent')}
          rules={[
            { required: true, message: t('admin.settings.common.required', { field: P_('share') }) },
            { type: 'number', min: 1, max: 2000, message: P_('shareRange') },
          ]}
        >
          <InputNumber suffix="%" step={10} style={{ width: 200 }} />
        </Form.Item>
        {supervise ? (
          <>
            <Form.Item name="level" label={P_('level')} rules={[{ required: true, message: t('admin.settings.common.required', { field: P_('level') }) }]}>
              <Select options={levels.map((l) => ({ value: l.level, label: t(`${P}.levelOf`, { level: l.level, name: pick({ zh: l.nameZh, en: l.nameEn }, i18n.language) }) }))} />
            </Form.Item>
            {levelDef?.hasTask && (
              <Form.Item name="taskHours" label={P_('taskHours')} rules={[{ type: 'number', min: 0.1, max: 200, message: P_('taskHoursRange') }]}>
                <InputNumber step={1} style={{ width: 200 }} placeholder={levelDef.taskHours === null ? undefined : String(levelDef.taskHours)} />
              </Form.Item>
            )}
          </>
        ) : (
          <Alert type="info" showIcon title={P_('escalateHint')} style={{ marginBottom: 16 }} />
        )}
        <Form.Item name="active" label={P_('active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </FormModal>
  );
}
