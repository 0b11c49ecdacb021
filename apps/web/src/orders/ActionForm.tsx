/**
 * The order's actions as buttons — exactly `allowedActions`, the rule the server enforces — each opening a form
 * drawn from the action's body schema in contracts (ActionBodies): text, unit choice, yes/no, a choice of values.
 * The server's refusal (its message, and the field it names) appears in the form; nothing is saved.
 */
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, List, Modal, Select, Space, Switch, Tag, Typography, type UploadFile } from 'antd';
import { FormModal } from '../shared/FormModal.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ACTION_LABELS, ActionBodies, SATISFACTION_LABELS, TIME_UNIT_LABELS, type ActionName, type Labels, type OrderDetail } from '@liandong/contracts';
import { ApiFailure, call } from '../shared/api.ts';
import { pick } from '../i18n.ts';
import { AttachmentsUpload, uploadedIds } from '../shared/AttachmentsUpload.tsx';

const takesAttachments = (action: ActionName) => Boolean((ActionBodies[action] as unknown as { properties?: Record<string, unknown> }).properties?.attachments);

interface FieldSchema {
  type?: string;
  anyOf?: { const?: unknown }[];
  items?: { type?: string };
  maxLength?: number;
}

/** Fields of an action's body a person fills in; attachments are uploaded below them (AttachmentsField). */
function fieldsOf(action: ActionName): { name: string; schema: FieldSchema; required: boolean }[] {
  const body = ActionBodies[action] as unknown as { properties?: Record<string, FieldSchema>; required?: string[] };
  return Object.entries(body.properties ?? {})
    .filter(([name]) => name !== 'attachments' && name !== 'location')
    .map(([name, schema]) => ({ name, schema, required: (body.required ?? []).includes(name) }));
}

function useUnits(enabled: boolean) {
  const { i18n } = useTranslation();
  return useQuery({ queryKey: ['units', i18n.language], queryFn: () => call('catalogue.listUnits'), enabled, staleTime: 600_000 });
}

/** Words for the values of the fields that take one of a few codes. */
const VALUE_LABELS: Record<string, Record<string, Labels>> = { satisfaction: SATISFACTION_LABELS, unit: TIME_UNIT_LABELS };

/** One field's control; Form.Item's id, value and change handler pass through to it (the label names the control). */
function FieldInput({ name, schema, units, lang, ...control }: { name: string; schema: FieldSchema; units: { value: number; label: string }[]; lang: string; [prop: string]: unknown }) {
  if (name === 'unitId') return <Select {...control} showSearch={{ optionFilterProp: 'label' }} options={units} />;
  if (name === 'coUnitIds') return <Select {...control} mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={units} />;
  if (schema.anyOf?.every((x) => x.const !== undefined)) {
    const words = VALUE_LABELS[name];
    return <Select {...control} showSearch={{ optionFilterProp: 'label' }} options={schema.anyOf.map((x) => ({ value: x.const as string, label: words?.[x.const as string] ? pick(words[x.const as string]!, lang) : String(x.const) }))} />;
  }
  if (schema.type === 'boolean') return <Switch {...control} />;
  if (schema.type === 'integer' || schema.type === 'number') return <InputNumber {...control} style={{ width: '100%' }} />;
  if (schema.type === 'array') return <Select {...control} mode="tags" tokenSeparators={[',', ' ']} />;
  return (schema.maxLength ?? 2000) > 100 ? <Input.TextArea {...control} rows={3} /> : <Input {...control} />;
}

export function ActionButtons({ order }: { order: OrderDetail }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<ActionName | null>(null);
  const buttons = order.allowedActions.map((a) => (
    <Button key={a} type={a === order.allowedActions[0] ? 'primary' : 'default'} onClick={() => setOpen(a)}>
      {pick(ACTION_LABELS[a].verb, i18n.language)}
    </Button>
  ));
  return (
    <>
      {buttons.length ? <Space wrap>{buttons}</Space> : <span>{t('order.noActions')}</span>}
      {open && <ActionModal key={open} order={order} action={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** The action's form fields (from its body schema) and its attachments; `toBody` turns the values into its body. */
function useActionForm(action: ActionName) {
  const { t, i18n } = useTranslation();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const fields = fieldsOf(action);
  const units = useUnits(fields.some((f) => f.name === 'unitId' || f.name === 'coUnitIds'));
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const label = (name: string) => (i18n.exists(`field.${name}`) ? t(`field.${name}`) : name);
  const items = (
    <>
      {fields.map((f) => (
        <Form.Item
          key={f.name}
          name={f.name}
          label={label(f.name)}
          valuePropName={f.schema.type === 'boolean' ? 'checked' : 'value'}
          rules={f.required ? [{ required: true, message: t('action.required', { field: label(f.name) }) }] : []}
        >
          <FieldInput name={f.name} schema={f.schema} units={unitOptions} lang={i18n.language} />
        </Form.Item>
      ))}
      {takesAttachments(action) && (
        <Form.Item label={t('field.attachments')}>
          <AttachmentsUpload files={files} onChange={setFiles} accept="image/*,application/pdf,video/mp4" />
        </Form.Item>
      )}
    </>
  );
  const toBody = (values: Record<string, unknown>): Record<string, unknown> => {
    const body: Record<string, unknown> = {};
    for (const f of fields) {
      const v = values[f.name];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      body[f.name] = f.name === 'duplicateIds' && Array.isArray(v) ? v.map(Number) : v;
    }
    const attachments = uploadedIds(files);
    if (attachments.length) body.attachments = attachments;
    return body;
  };
  return { fields, items, toBody };
}

function ActionModal({ order, action, onClose }: { order: OrderDetail; action: ActionName; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const { fields, items, toBody } = useActionForm(action);
  const run = useMutation({
    mutationFn: (body: Record<string, unknown>) => call(`actions.${action}` as 'actions.accept', { params: { id: order.id }, body: body as never }),
    onSuccess: async (detail) => {
      qc.setQueryData(['order', String(order.id), i18n.language], detail);
      await qc.invalidateQueries({ queryKey: ['orders'] });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiFailure && e.field && fields.some((f) => f.name === e.field)) form.setFields([{ name: e.field, errors: [e.message] }]);
      else setError(e instanceof ApiFailure ? e.message : t('error.unknown'));
    },
  });
  const verb = pick(ACTION_LABELS[action].verb, i18n.language);
  return (
    <FormModal title={`${verb} · ${order.code}`} form={form} onCancel={onClose} busy={run.isPending}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => {
          setError(null);
          run.mutate(toBody(values));
        }}
      >
        {items}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </FormModal>
  );
}

/** The actions a desk may take over a selection at once (批量派遣、签收、审批). */
export const BULK_ACTIONS: readonly ActionName[] = ['accept', 'dispatch', 'sign', 'approve-extension', 'suspend', 'void'];

/**
 * One action over the selected orders, one after another with the same form: each order's outcome is listed
 * (the server decides each on its own; a refusal names the order and says why, the others go through).
 */
export function BulkActionModal({ orders, action, onClose }: { orders: { id: number; code: string }[]; action: ActionName; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const { items, toBody } = useActionForm(action);
  const [results, setResults] = useState<{ code: string; ok: boolean; message: string }[] | null>(null);
  const [running, setRunning] = useState(false);
  const verb = pick(ACTION_LABELS[action].verb, i18n.language);
  const runAll = async (values: Record<string, unknown>) => {
    setRunning(true);
    const body = toBody(values);
    const out: { code: string; ok: boolean; message: string }[] = [];
    for (const o of orders) {
      try {
        await call(`actions.${action}` as 'actions.accept', { params: { id: o.id }, body: body as never });
        out.push({ code: o.code, ok: true, message: t('bulk.done') });
      } catch (e) {
        out.push({ code: o.code, ok: false, message: e instanceof ApiFailure ? e.message : t('error.unknown') });
      }
      setResults([...out]);
    }
    setRunning(false);
    await qc.invalidateQueries({ queryKey: ['orders'] });
  };
  const finished = results !== null && !running;
  return (
    <Modal
      open
      title={t('bulk.title', { verb, n: orders.length })}
      okText={finished ? t('bulk.close') : t('action.submit')}
      cancelText={t('action.cancel')}
      onOk={() => (finished ? onClose() : form.submit())}
      onCancel={onClose}
      confirmLoading={running}
      destroyOnHidden
    >
      {results === null ? (
        <Form form={form} layout="vertical" onFinish={(v) => void runAll(v)}>
          {items}
        </Form>
      ) : (
        <div role="log" aria-label={t('bulk.results')}>
        <List
          size="small"
          dataSource={results}
          renderItem={(r) => (
            <List.Item>
              <Space>
                <Tag color={r.ok ? 'green' : 'red'}>{r.ok ? t('bulk.ok') : t('bulk.failed')}</Tag>
                <span>{r.code}</span>
                <Typography.Text type={r.ok ? 'secondary' : 'danger'}>{r.message}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
        </div>
      )}
    </Modal>
  );
}
