/** 责任单位: a condition's responsible-unit rules changed as a whole (PUT); orders dispatched afterwards follow them. */
import { useState } from 'react';
import { Alert, Form } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConditionWithUnits } from '@liandong/contracts';
import { call } from '../../shared/api.ts';
import { FormModal } from '../../shared/FormModal.tsx';
import { showFormError } from '../../shared/form-errors.ts';
import { rowsOf, rulesOf, type RuleRow } from './unit-rules.ts';
import { UnitRulesFields } from './UnitRulesFields.tsx';

export function UnitRulesForm({ condition, onClose }: { condition: ConditionWithUnits; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { units: RuleRow[] }) => call('admin.setConditionUnits', { params: { id: condition.id }, body: { units: rulesOf(v.units ?? []) } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['conditions'] });
      onClose();
    },
    onError: (e) => showFormError(form, e, ['units'], setError),
  });
  return (
    <FormModal title={`${t('admin.catalogue.units')} · ${condition.code}`} form={form} onCancel={onClose} busy={save.isPending} width={980}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ units: rowsOf(condition.units) }} onFinish={(v) => save.mutate(v)}>
        <UnitRulesFields />
      </Form>
    </FormModal>
  );
}
