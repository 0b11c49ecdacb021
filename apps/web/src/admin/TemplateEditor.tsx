/**
 * 消息模板: every template in Chinese and English; one edited in a form (PUT /message-templates/:code/:lang) with
 * the variables it may use (a click inserts one at the cursor) and a preview on sample data. The server checks
 * the variables; a refusal shows next to the title or text.
 */
import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { FormModal } from '../shared/FormModal.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LANGS, type Lang, type TemplateView } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';
import { failureText, templateName, useSupervisionLevels } from './settings-shared.ts';
import { showFieldError } from '../shared/form-errors.ts';

const T = 'admin.settings.templates';
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
/** Templates that go to citizens or leaders by SMS, where the length decides how many messages are sent. */
const isSms = (code: string) => code.startsWith('citizen.') || code === 'callback.request' || code === 'supervision.sms';

export function TemplateEditor() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [filterLang, setFilterLang] = useState<Lang | undefined>();
  const [editing, setEditing] = useState<TemplateView | null>(null);
  const templates = useQuery({ queryKey: ['message-templates'], queryFn: () => call('messages.listTemplates') });
  const levels = useSupervisionLevels(lang);
  const name = (code: string) => templateName(code, t, (k) => i18n.exists(k), levels.data, lang);
  const rows = (templates.data ?? []).filter((x) => !filterLang || x.lang === filterLang);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t(`${T}.hint`, { example: '{{orderCode}}' })}</Typography.Text>
      <Form layout="inline">
        <Form.Item label={t(`${T}.lang`)} htmlFor="template-lang">
          <Select
            id="template-lang"
            allowClear
            placeholder={t('admin.settings.common.any')}
            style={{ width: 120 }}
            value={filterLang}
            onChange={setFilterLang}
            options={LANGS.map((l) => ({ value: l, label: t(`${T}.langs.${l}`) }))}
          />
        </Form.Item>
      </Form>
      <Table
        size="small"
        bordered
        rowKey={(x) => `${x.code}/${x.lang}`}
        aria-label={t(`${T}.title`)}
        loading={templates.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1000 }}
        columns={[
          {
            title: t(`${T}.template`),
            key: 'name',
            width: 200,
            render: (_: unknown, x: TemplateView) => (
              <>
                <div>{name(x.code)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {x.code}
                </Typography.Text>
              </>
            ),
          },
          { title: t(`${T}.lang`), dataIndex: 'lang', width: 72, render: (l: Lang) => t(`${T}.langs.${l}`) },
          { title: t(`${T}.subject`), dataIndex: 'subject', width: 240, ellipsis: { showTitle: true } },
          { title: t(`${T}.body`), dataIndex: 'body', ellipsis: { showTitle: true } },
          { title: t('admin.settings.common.updatedAt'), dataIndex: 'updatedAt', width: 140, render: formatTime },
          {
            title: t('admin.settings.common.actions'),
            key: 'op',
            width: 72,
            fixed: 'right',
            render: (_: unknown, x: TemplateView) => (
              <Button type="link" size="small" aria-label={`${t('admin.settings.common.edit')} ${x.code} ${x.lang}`} onClick={() => setEditing(x)}>
                {t('admin.settings.common.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && <TemplateForm template={editing} name={name(editing.code)} onClose={() => setEditing(null)} />}
    </Space>
  );
}

type Field = 'subject' | 'body';

function TemplateForm({ template, name, onClose }: { template: TemplateView; name: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ subject: string; body: string }>();
  const [error, setError] = useState<string | null>(null);
  // Where a clicked variable goes: the text last edited, at its cursor.
  const last = useRef<{ field: Field; el: HTMLInputElement | HTMLTextAreaElement } | null>(null);
  const subject = Form.useWatch('subject', form) ?? template.subject;
  const body = Form.useWatch('body', form) ?? template.body;
  const save = useMutation({
    mutationFn: (v: { subject: string; body: string }) => call('messages.updateTemplate', { params: { code: template.code, lang: template.lang }, body: v }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['message-templates'] });
      void message.success(t('admin.settings.common.saved'));
      onClose();
    },
    onError: (e) => {
      if (!showFieldError(form, e, ['subject', 'body'])) setError(failureText(e, t));
    },
  });
  const insert = (p: string) => {
    const token = `{{${p}}}`;
    const field = last.current?.field ?? 'body';
    const el = last.current?.el;
    const value: string = form.getFieldValue(field) ?? '';
    const [start, end] = el ? [el.selectionStart ?? value.length, el.selectionEnd ?? value.length] : [value.length, value.length];
    form.setFieldValue(field, value.slice(0, start) + token + value.slice(end));
    if (el) {
      el.focus();
      requestAnimationFrame(() => el.setSelectionRange(start + token.length, start + token.length));
    }
  };
  // Samples in the template's own language: what its readers will see.
  const sample = i18n.getFixedT(template.lang === 'en' ? 'en' : 'zh-CN');
  const render = (text: string) =>
    text.replace(PLACEHOLDER, (whole, p: string) => (template.placeholders.includes(p) && i18n.exists(`${T}.samples.${p}`) ? sample(`${T}.samples.${p}`) : whole));
  const preview = render(body);
  const chars = [...preview].length;
  const remember = (field: Field) => (e: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => (last.current = { field, el: e.target });
  return (
    <FormModal title={t(`${T}.editTitle`, { name, lang: t(`${T}.langs.${template.lang}`) })} form={form} onCancel={onClose} busy={save.isPending} width={760}>
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t(`${T}.template`)}>{name}</Descriptions.Item>
        <Descriptions.Item label={t(`${T}.code`)}>{template.code}</Descriptions.Item>
        <Descriptions.Item label={t(`${T}.lang`)}>{t(`${T}.langs.${template.lang}`)}</Descriptions.Item>
      </Descriptions>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ subject: template.subject, body: template.body }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="subject" label={t(`${T}.subject`)} rules={[{ required: true, whitespace: true, message: t('admin.settings.common.required', { field: t(`${T}.subject`) }) }]}>
          <Input maxLength={200} onFocus={remember('subject')} />
        </Form.Item>
        <Form.Item name="body" label={t(`${T}.body`)} rules={[{ required: true, whitespace: true, message: t('admin.settings.common.required', { field: t(`${T}.body`) }) }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount onFocus={remember('body')} />
        </Form.Item>
        <Form.Item label={t(`${T}.placeholders`)} extra={t(`${T}.insertHint`)}>
          <Space size={[4, 4]} wrap role="group" aria-label={t(`${T}.placeholders`)}>
            {template.placeholders.map((p) => (
              <Button key={p} size="small" aria-label={t(`${T}.insert`, { name: p })} onClick={() => insert(p)}>
                {`{{${p}}}`}
                {i18n.exists(`${T}.vars.${p}`) && <Typography.Text type="secondary">{t(`${T}.vars.${p}`)}</Typography.Text>}
              </Button>
            ))}
          </Space>
        </Form.Item>
      </Form>
      <Card size="small" title={t(`${T}.preview`)} extra={<Typography.Text type="secondary">{t(`${T}.previewHint`)}</Typography.Text>} role="region" aria-label={t(`${T}.preview`)}>
        <Typography.Paragraph strong style={{ marginBottom: 4 }}>
          {render(subject)}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{preview}</Typography.Paragraph>
        <Tag>{isSms(template.code) ? t(`${T}.smsLength`, { n: chars, parts: chars <= 70 ? 1 : Math.ceil(chars / 67) }) : t(`${T}.length`, { n: chars })}</Tag>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </FormModal>
  );
}
