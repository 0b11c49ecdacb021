/** 预警规则 (administrators): each rule on or off and its thresholds, saved one rule at a time; a refusal shown at its field. */
import { useState } from 'react';
import { Alert, Button, Card, Form, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { STEP_LABELS, STEPS, type RuleParams, type WarningRuleView } from '@liandong/contracts';
import { pick } from '../i18n.ts';
import { call } from '../shared/api.ts';
import { showFormError } from '../shared/form-errors.ts';
import { formatTime } from '../shared/labels.tsx';

export function WarningRules() {
  const { t, i18n } = useTranslation();
  const rules = useQuery({ queryKey: ['warning-rules', i18n.language], queryFn: () => call('warnings.rules') });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('warnings.rules.hint')}</Typography.Text>
      {rules.data?.map((r) => <RuleForm key={r.code} rule={r} />)}
    </Space>
  );
}

type Values = { enabled: boolean; params: RuleParams };

function RuleForm({ rule }: { rule: WarningRuleView }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const keys = Object.keys(rule.params) as (keyof RuleParams)[];
  const save = useMutation({
    mutationFn: (v: Values) => call('warnings.updateRule', { params: { code: rule.code }, body: v }),
    onSuccess: async () => {
      setError(null);
      setSaved(true);
      form.setFields([{ name: 'enabled', errors: [] }, ...keys.map((k) => ({ name: ['params', k] as ['params', keyof RuleParams], errors: [] }))]);
      await qc.invalidateQueries({ queryKey: ['warning-rules'] });
    },
    onError: (e) => showFormError(form, e, ['enabled', ...keys.map((k) => `params.${k}`)], setError),
  });
  const control = (k: keyof RuleParams) => {
    if (k === 'levels') return <Select mode="multiple" style={{ minWidth: 180 }} options={(['village', 'town'] as const).map((l) => ({ value: l, label: t(`warnings.levels.${l}`) }))} />;
    if (k === 'steps') return <Select mode="multiple" style={{ minWidth: 220 }} options={STEPS.map((s) => ({ value: s, label: pick(STEP_LABELS[s], i18n.language) }))} />;
    if (k === 'sameCategory') return <Switch />;
    return <InputNumber style={{ width: 110 }} step={k === 'alpha' ? 0.001 : k === 'remainingShare' || k === 'growthRatio' ? 0.1 : 1} />;
  };
  return (
    <Card
      size="small"
      title={rule.name}
      extra={rule.updatedBy && <Typography.Text type="secondary">{t('warnings.rules.updated', { who: rule.updatedBy.name, at: formatTime(rule.updatedAt) })}</Typography.Text>}
    >
      <Form<Values>
        form={form}
        name={`rule-${rule.code}`}
        layout="inline"
        initialValues={{ enabled: rule.enabled, params: rule.params }}
        onFinish={(v) => save.mutate(v)}
        onValuesChange={() => setSaved(false)}
      >
        <Form.Item label={t('warnings.rules.enabled')} name="enabled" valuePropName="checked">
          <Switch />
        </Form.Item>
        {keys.map((k) => (
          <Form.Item key={k} label={t(`warnings.rules.fields.${k}`)} name={['params', k]} valuePropName={k === 'sameCategory' ? 'checked' : 'value'} style={{ marginBottom: 8 }}>
            {control(k)}
          </Form.Item>
        ))}
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} aria-label={`${t('warnings.rules.save')} ${rule.name}`}>
              {t('warnings.rules.save')}
            </Button>
            {saved && <Typography.Text type="success">{t('warnings.rules.saved')}</Typography.Text>}
          </Space>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Card>
  );
}
