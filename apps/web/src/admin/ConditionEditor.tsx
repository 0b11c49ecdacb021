/**
 * 事件部件清单: a category found by words or pinyin initials, its case-opening conditions with their limits,
 * closing standard and urgency, each changed in a form (PATCH); orders dispatched afterwards follow the change.
 */
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Select, Space, Switch, Table, Tag } from 'antd';
import { FormModal } from '../shared/FormModal.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TIME_UNIT_LABELS, TIME_UNITS, type ConditionWithUnits } from '@liandong/contracts';
import { ApiFailure, call } from '../shared/api.ts';
import { pick } from '../i18n.ts';
import { CategorySelect } from '../intake/CategorySelect.tsx';

export function ConditionEditor() {
  const { t, i18n } = useTranslation();
  const [category, setCategory] = useState<string | undefined>();
  const [editing, setEditing] = useState<ConditionWithUnits | null>(null);
  const conditions = useQuery({ queryKey: ['conditions', category], queryFn: () => call('catalogue.listConditions', { params: { code: category! } }), enabled: Boolean(category) });
  const unit = (u: keyof typeof TIME_UNIT_LABELS) => pick(TIME_UNIT_LABELS[u], i18n.language);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Form layout="inline">
        <Form.Item label={t('admin.catalogue.category')} htmlFor="condition-category" style={{ minWidth: 480 }}>
          <CategorySelect id="condition-category" value={category} onChange={setCategory} />
        </Form.Item>
      </Form>
      <Table
        size="small"
        rowKey="id"
        loading={conditions.isFetching}
        dataSource={conditions.data ?? []}
        pagination={false}
        locale={{ emptyText: category ? t('admin.catalogue.noConditions') : t('admin.catalogue.chooseCategory') }}
        columns={[
          { title: t('admin.catalogue.code'), dataIndex: 'code', width: 110 },
          { title: t('admin.catalogue.description'), dataIndex: 'description' },
          { title: t('admin.catalogue.response'), key: 'response', width: 120, render: (_: unknown, c: ConditionWithUnits) => `${c.responseValue} ${unit(c.responseUnit)}` },
          { title: t('admin.catalogue.handle'), key: 'handle', width: 120, render: (_: unknown, c: ConditionWithUnits) => `${c.handleValue} ${unit(c.handleUnit)}` },
          { title: t('admin.catalogue.closingStandard'), dataIndex: 'closingStandard', ellipsis: true },
          { title: t('admin.catalogue.urgency'), dataIndex: 'urgency', width: 90, render: (u: string) => t(`admin.catalogue.urgencies.${u}`) },
          { title: t('admin.catalogue.active'), dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="green">{t('admin.catalogue.inUse')}</Tag> : <Tag>{t('admin.catalogue.notInUse')}</Tag>) },
          {
            title: t('admin.catalogue.edit'),
            key: 'edit',
            width: 80,
            render: (_: unknown, c: ConditionWithUnits) => (
              <Button size="small" aria-label={`${t('admin.catalogue.edit')} ${c.code}`} onClick={() => setEditing(c)}>
                {t('admin.catalogue.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && <ConditionForm condition={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function ConditionForm({ condition, onClose }: { condition: ConditionWithUnits; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => call('admin.updateCondition', { params: { id: condition.id }, body: v as never }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['conditions'] });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiFailure && e.field) form.setFields([{ name: e.field.replace(/^\//, ''), errors: [e.message] }]);
      else setError(e instanceof ApiFailure ? e.message : t('error.unknown'));
    },
  });
  const units = TIME_UNITS.map((u) => ({ value: u, label: pick(TIME_UNIT_LABELS[u], i18n.language) }));
  const required = (field: string) => [{ required: true, message: t('action.required', { field }) }];
  return (
    <FormModal title={`${t('admin.catalogue.edit')} · ${condition.code}`} form={form} onCancel={onClose} busy={save.isPending} width={640}>
      <Form form={form} layout="vertical" initialValues={condition} onFinish={(v) => save.mutate(v)}>
        <Space.Compact block>
          <Form.Item name="responseValue" label={t('admin.catalogue.responseValue')} rules={required(t('admin.catalogue.responseValue'))} style={{ width: '50%' }}>
            <InputNumber min={0.5} max={365} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="responseUnit" label={t('admin.catalogue.responseUnit')} style={{ width: '50%' }}>
            <Select options={units} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="handleValue" label={t('admin.catalogue.handleValue')} rules={required(t('admin.catalogue.handleValue'))} style={{ width: '50%' }}>
            <InputNumber min={0.5} max={365} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="handleUnit" label={t('admin.catalogue.handleUnit')} style={{ width: '50%' }}>
            <Select options={units} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="closingStandard" label={t('admin.catalogue.closingStandard')} rules={required(t('admin.catalogue.closingStandard'))}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="urgency" label={t('admin.catalogue.urgency')}>
          <Select options={['normal', 'urgent', 'critical'].map((u) => ({ value: u, label: t(`admin.catalogue.urgencies.${u}`) }))} />
        </Form.Item>
        <Form.Item name="active" label={t('admin.catalogue.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </FormModal>
  );
}
