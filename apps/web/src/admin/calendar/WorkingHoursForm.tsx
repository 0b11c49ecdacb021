/** 工作时段: the periods of a working day (HH:MM–HH:MM, in order, not overlapping); the server checks them again. */
import { useState } from 'react';
import { Alert, Button, Form, Input, Space } from 'antd';
import { FormModal } from '../../shared/FormModal.tsx';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/api.ts';
import { ApiFailure } from '../../shared/api.ts';

export function WorkingHoursForm({ periods, onClose }: { periods: [string, string][]; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { periods: { start: string; end: string }[] }) => call('calendar.setWorkingPeriods', { body: { periods: v.periods.map((p) => [p.start.trim(), p.end.trim()] as [string, string]) } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['calendar'] });
      onClose();
    },
    onError: (e) => setError(e instanceof ApiFailure ? e.message : t('error.unknown')),
  });
  const hhmm = [{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, message: 'HH:MM' }];
  return (
    <FormModal title={t('admin.calendar.editHours')} form={form} onCancel={onClose} busy={save.isPending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="working-hours" initialValues={{ periods: periods.map(([start, end]) => ({ start, end })) }} onFinish={(v) => save.mutate(v)}>
        <Form.List name="periods">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline">
                  <Form.Item label={`${t('admin.calendar.period', { n: i + 1 })} ${t('admin.calendar.start')}`} name={[f.name, 'start']} rules={hhmm}>
                    <Input style={{ width: 80 }} />
                  </Form.Item>
                  <Form.Item label={t('admin.calendar.end')} name={[f.name, 'end']} rules={hhmm}>
                    <Input style={{ width: 80 }} />
                  </Form.Item>
                  {fields.length > 1 && <Button type="link" aria-label={`✕ ${t('admin.calendar.period', { n: i + 1 })}`} onClick={() => remove(f.name)}>✕</Button>}
                </Space>
              ))}
              {fields.length < 6 && <Button type="dashed" onClick={() => add({ start: '', end: '' })}>{t('admin.calendar.addPeriod')}</Button>}
            </>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}
