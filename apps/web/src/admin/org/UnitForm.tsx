/** 新增/修改单位: code, kind and level when it is added; name, parent, division, leader and enforcement at any time. */
import { useMemo, useState } from 'react';
import { Alert, Form, Input, Select, Switch, TreeSelect } from 'antd';
import { FormModal } from '../../shared/FormModal.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UNIT_KIND_LABELS, UNIT_KINDS, UNIT_LEVEL_LABELS, UNIT_LEVELS, type UnitAdmin } from '@liandong/contracts';
import { pick } from '../../i18n.ts';
import { call } from '../../shared/api.ts';
import { showFormError } from '../../shared/form-errors.ts';
import { unitTree } from './unit-tree.ts';

const FIELDS = ['code', 'name', 'nameEn', 'kind', 'level', 'parentId', 'divisionCode', 'leaderName', 'leaderPhone', 'enforcement'] as const;

interface Props {
  units: UnitAdmin[];
  /** The unit to change; absent: a new unit under parentId. */
  unit?: UnitAdmin;
  parentId?: number | null;
  onClose: (saved?: UnitAdmin) => void;
}

export function UnitForm({ units, unit, parentId, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const divisions = useQuery({ queryKey: ['divisions'], queryFn: () => call('territory.listDivisions'), staleTime: 600_000 });
  const parents = useMemo(() => unitTree(units.filter((u) => u.id !== unit?.id), { onlyActive: true }), [units, unit]);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const text = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : null);
      if (unit) {
        // A cleared field is sent as null (cleared), not left out (unchanged).
        const body = { name: v.name, parentId: v.parentId ?? null, nameEn: text(v.nameEn), leaderName: text(v.leaderName), leaderPhone: text(v.leaderPhone), enforcement: v.enforcement };
        return call('org.updateUnit', { params: { id: unit.id }, body: body as never });
      }
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
      return call('org.createUnit', { body: body as never });
    },
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: ['admin-units'] });
      onClose(saved);
    },
    onError: (e) => showFormError(form, e, FIELDS, setError),
  });
  const required = (label: string) => [{ required: true, message: t('action.required', { field: label }) }];
  const initial = unit ?? { parentId: parentId ?? undefined, enforcement: false, kind: 'department', level: 'district' };
  return (
    <FormModal title={unit ? `${t('admin.org.edit')} · ${unit.name}` : t('admin.org.add')} form={form} onCancel={() => onClose()} busy={save.isPending} width={640}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="unit" layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item label={t('admin.org.code')} name="code" rules={unit ? [] : required(t('admin.org.code'))}>
          <Input disabled={Boolean(unit)} maxLength={40} />
        </Form.Item>
        <Form.Item label={t('admin.org.name')} name="name" rules={required(t('admin.org.name'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('admin.org.kind')} name="kind" rules={required(t('admin.org.kind'))}>
          <Select disabled={Boolean(unit)} options={UNIT_KINDS.map((k) => ({ value: k, label: pick(UNIT_KIND_LABELS[k], i18n.language) }))} />
        </Form.Item>
        <Form.Item label={t('admin.org.level')} name="level" rules={required(t('admin.org.level'))}>
          <Select disabled={Boolean(unit)} options={UNIT_LEVELS.map((l) => ({ value: l, label: pick(UNIT_LEVEL_LABELS[l], i18n.language) }))} />
        </Form.Item>
        <Form.Item label={t('admin.org.parent')} name="parentId">
          <TreeSelect allowClear showSearch treeNodeFilterProp="title" placeholder={t('admin.org.noParent')} treeData={parents as never} treeDefaultExpandAll={false} />
        </Form.Item>
        {!unit && (
          <Form.Item label={t('admin.org.division')} name="divisionCode">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(divisions.data ?? []).map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))}
            />
          </Form.Item>
        )}
        <Form.Item label={t('admin.org.leaderName')} name="leaderName">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label={t('admin.org.leaderPhone')} name="leaderPhone">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item label={t('admin.org.enforcement')} name="enforcement" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
