/**
 * 新增/修改立案条件: the condition's text, limits (签收/办结 with their time units), closing standard, urgency and
 * handling level; a new one with its responsible units, a changed one in use or not. Refusals next to their field.
 */
import { useState } from 'react';
import { Alert, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { HANDLING_LEVEL_LABELS, HANDLING_LEVELS, TIME_UNIT_LABELS, TIME_UNITS, URGENCIES, URGENCY_LABELS, type ConditionWithUnits } from '@liandong/contracts';
import { pick } from '../../i18n.ts';
import { call } from '../../shared/api.ts';
import { FormModal } from '../../shared/FormModal.tsx';
import { showFormError } from '../../shared/form-errors.ts';
import { FIRST_RULE, rulesOf, type RuleRow } from './unit-rules.ts';
import { UnitRulesFields } from './UnitRulesFields.tsx';

const FIELDS = ['code', 'description', 'responseValue', 'responseUnit', 'handleValue', 'handleUnit', 'closingStandard', 'urgency', 'handlingLevel', 'active', 'units'] as const;

interface Props {
  categoryCode: string;
  /** absent: a new condition of the category */
  condition?: ConditionWithUnits;
  onClose: () => void;
}

export function ConditionForm({ categoryCode, condition, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (v: Record<string, unknown> & { units?: RuleRow[] }) => {
      const { units, code, ...fields } = v;
      const text = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
      if (condition) return call('admin.updateCondition', { params: { id: condition.id }, body: fields as never });
      return call('admin.createCondition', { params: { code: categoryCode }, body: { ...fields, code: text(code), units: rulesOf(units ?? []) } as never });
    },
    onSuccess: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: ['conditions'] }), qc.invalidateQueries({ queryKey: ['admin-categories'] })]);
      onClose();
    },
    onError: (e) => showFormError(form, e, FIELDS, setError),
  });
  const options = <T extends string>(values: readonly T[], labels: Record<T, { zh: string; en: string }>) => values.map((v) => ({ value: v, label: pick(labels[v], i18n.language) }));
  const required = (field: string) => [{ required: true, message: t('action.required', { field }) }];
  const initial = condition ?? { responseUnit: 'working_hours', handleUnit: 'working_days', urgency: 'normal', handlingLevel: 'department', units: [{ ...FIRST_RULE }] };
  return (
    <FormModal
      title={condition ? `${t('admin.catalogue.editCondition')} · ${condition.code}` : `${t('admin.catalogue.addCondition')} · ${categoryCode}`}
      form={form}
      onCancel={onClose}
      busy={save.isPending}
      width={condition ? 640 : 980}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {!condition && (
          <Form.Item name="code" label={t('admin.catalogue.conditionCode')} extra={t('admin.catalogue.conditionCodeHint')}>
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('admin.catalogue.description')} rules={required(t('admin.catalogue.description'))}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="responseValue" label={t('admin.catalogue.responseValue')} rules={required(t('admin.catalogue.responseValue'))}>
              <InputNumber min={0.5} max={365} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="responseUnit" label={t('admin.catalogue.responseUnit')}>
              <Select options={options(TIME_UNITS, TIME_UNIT_LABELS)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="handleValue" label={t('admin.catalogue.handleValue')} rules={required(t('admin.catalogue.handleValue'))}>
              <InputNumber min={0.5} max={365} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="handleUnit" label={t('admin.catalogue.handleUnit')}>
              <Select options={options(TIME_UNITS, TIME_UNIT_LABELS)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="closingStandard" label={t('admin.catalogue.closingStandard')} rules={required(t('admin.catalogue.closingStandard'))}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={condition ? 8 : 12}>
            <Form.Item name="urgency" label={t('admin.catalogue.urgency')}>
              <Select options={options(URGENCIES, URGENCY_LABELS)} />
            </Form.Item>
          </Col>
          <Col span={condition ? 8 : 12}>
            <Form.Item name="handlingLevel" label={t('admin.catalogue.handlingLevel')}>
              <Select options={options(HANDLING_LEVELS, HANDLING_LEVEL_LABELS)} />
            </Form.Item>
          </Col>
          {condition && (
            <Col span={8}>
              <Form.Item name="active" label={t('admin.catalogue.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
        {!condition && <UnitRulesFields />}
      </Form>
    </FormModal>
  );
}
