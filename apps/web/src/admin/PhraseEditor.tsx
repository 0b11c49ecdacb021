/** 惯用语维护: the centre's stock phrases, one per line, replaced as a whole; operators see them under the description. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../shared/api.ts';
import { showFormError } from '../shared/form-errors.ts';

export function PhraseEditor() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const phrases = useQuery({ queryKey: ['stock-phrases'], queryFn: () => call('orders.stockPhrases') });
  useEffect(() => {
    if (phrases.data) form.setFieldValue('phrases', phrases.data.phrases.join('\n'));
  }, [phrases.data, form]);
  const save = useMutation({
    mutationFn: (text: string) => call('orders.setStockPhrases', { body: { phrases: text.split('\n').map((l) => l.trim()).filter(Boolean) } }),
    onSuccess: async () => {
      setError(null);
      setSaved(true);
      await qc.invalidateQueries({ queryKey: ['stock-phrases'] });
    },
    onError: (e) => showFormError(form, e, ['phrases'], setError),
  });
  return (
    <Card size="small" title={t('admin.phrases.title')}>
      <Form form={form} name="phrases" layout="vertical" onFinish={(v: { phrases: string }) => save.mutate(v.phrases ?? '')} onValuesChange={() => setSaved(false)}>
        <Form.Item label={t('admin.phrases.label')} name="phrases" extra={t('admin.phrases.hint')}>
          <Input.TextArea rows={8} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('action.submit')}
          </Button>
          {saved && <Alert type="success" showIcon title={t('admin.org.saved')} />}
          {error && <Alert type="error" showIcon title={error} />}
        </Space>
      </Form>
    </Card>
  );
}
