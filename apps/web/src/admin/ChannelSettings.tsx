/**
 * 通知渠道: the five channels (inbox, SMS gateway, WeCom and DingTalk group robots, e-mail) with their state; one
 * configured in a drawer (GET/PUT /notification-channels/:code). Secrets come back masked (********) and are
 * sent back so, which keeps them; the server checks the settings field by field and names the one at fault.
 */
import { useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Space, Switch, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChannelView, MessageChannel } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';
import { failureText } from './settings-shared.ts';
import { showFieldError } from '../shared/form-errors.ts';

const C = 'admin.settings.channels';
const MASK = '********';

type Config = ChannelView['config'];
type FieldKind = 'text' | 'secret' | 'port' | 'switch';
/** The settings each channel takes (the server's SPECS in core/notify/channels.rules.ts); headers are a list of their own. */
const FIELDS: Record<MessageChannel, readonly [keyof Config, FieldKind][]> = {
  inbox: [],
  sms: [['url', 'text'], ['sign', 'text']],
  wecom: [['webhookUrl', 'text']],
  dingtalk: [['webhookUrl', 'text'], ['secret', 'secret']],
  email: [['host', 'text'], ['port', 'port'], ['secure', 'switch'], ['user', 'text'], ['pass', 'secret'], ['from', 'text']],
};

const summaryOf = (c: ChannelView): string | undefined => {
  const x = c.config;
  if (c.code === 'email' && x.host) return `${x.host}${x.port ? `:${x.port}` : ''}${x.from ? ` · ${x.from}` : ''}`;
  return x.url ?? x.webhookUrl;
};

export function ChannelSettings() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<MessageChannel | null>(null);
  const channels = useQuery({ queryKey: ['notification-channels'], queryFn: () => call('messages.listChannels') });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t(`${C}.hint`)}</Typography.Text>
      <Table
        size="small"
        bordered
        rowKey="code"
        aria-label={t(`${C}.title`)}
        loading={channels.isFetching}
        dataSource={channels.data ?? []}
        pagination={false}
        columns={[
          { title: t(`${C}.channel`), dataIndex: 'code', width: 180, render: (code: MessageChannel) => t(`${C}.names.${code}`) },
          {
            title: t(`${C}.status`),
            dataIndex: 'enabled',
            width: 80,
            render: (on: boolean) => (on ? <Tag color="green">{t('admin.settings.common.enabled')}</Tag> : <Tag>{t('admin.settings.common.disabled')}</Tag>),
          },
          {
            title: t(`${C}.summary`),
            key: 'summary',
            ellipsis: true,
            render: (_: unknown, c: ChannelView) =>
              c.code === 'inbox' ? '—' : (summaryOf(c) ?? <Typography.Text type="secondary">{t(`${C}.notConfigured`)}</Typography.Text>),
          },
          { title: t('admin.settings.common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: formatTime },
          {
            title: t('admin.settings.common.actions'),
            key: 'op',
            width: 80,
            render: (_: unknown, c: ChannelView) => (
              <Button type="link" size="small" aria-label={`${t(`${C}.settings`)} ${t(`${C}.names.${c.code}`)}`} onClick={() => setOpen(c.code)}>
                {t(`${C}.settings`)}
              </Button>
            ),
          },
        ]}
      />
      {open && <ChannelDrawer code={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}

interface Values {
  enabled: boolean;
  config: Record<string, unknown> & { headers?: { name?: string; value?: string }[] };
}

function ChannelDrawer({ code, onClose }: { code: MessageChannel; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const channel = useQuery({ queryKey: ['notification-channel', code], queryFn: () => call('messages.getChannel', { params: { code } }), gcTime: 0 });
  const fields = FIELDS[code];
  const save = useMutation({
    mutationFn: (body: { enabled: boolean; config?: Record<string, unknown> }) => call('messages.updateChannel', { params: { code }, body }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['notification-channels'] });
      void message.success(t('admin.settings.common.saved'));
      onClose();
    },
    onError: (e) => {
      // A header is named by its own name (config.headers.X-Key): the error goes to that row of the list.
      const field = (e as { field?: string }).field;
      const headers = form.getFieldValue(['config', 'headers']) as Values['config']['headers'];
      const row = field?.startsWith('config.headers.') ? (headers ?? []).findIndex((h) => h.name === field.slice('config.headers.'.length)) : -1;
      if (row >= 0) form.setFields([{ name: ['config', 'headers', row, 'name'], errors: [failureText(e, t)] }]);
      else if (!showFieldError(form, e, ['enabled', ...fields.map(([f]) => `config.${f}`), 'config.headers'])) setError(failureText(e, t));
    },
  });
  const submit = (v: Values) => {
    setError(null);
    if (code === 'inbox') return save.mutate({ enabled: true });
    const { headers, ...rest } = v.config;
    const config: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== undefined && x !== null));
    const named = (headers ?? []).filter((h) => h.name);
    if (named.length) config.headers = Object.fromEntries(named.map((h) => [h.name, h.value ?? '']));
    save.mutate({ enabled: v.enabled, config });
  };
  const c = channel.data;
  const initial: Values | undefined = c && {
    enabled: c.enabled,
    config: { ...c.config, headers: Object.entries(c.config.headers ?? {}).map(([name, value]) => ({ name, value })) },
  };
  const masked = (v: unknown) => typeof v === 'string' && v.includes(MASK);
  const label = (f: string) => t(`${C}.fields.${f}`);
  return (
    <Drawer
      open
      size={560}
      title={t(`${C}.editTitle`, { name: t(`${C}.names.${code}`) })}
      onClose={onClose}
      destroyOnHidden
      loading={!initial}
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('action.submit')}
          </Button>
        </Space>
      }
    >
      {initial && (
        <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
          <Form.Item name="enabled" label={t('admin.settings.common.enabled')} valuePropName="checked" extra={code === 'inbox' ? t(`${C}.inboxAlways`) : undefined}>
            <Switch disabled={code === 'inbox'} />
          </Form.Item>
          {fields.map(([f, kind]) => (
            <Form.Item
              key={f}
              name={['config', f]}
              label={label(f)}
              valuePropName={kind === 'switch' ? 'checked' : 'value'}
              extra={kind === 'secret' && initial.config[f] ? t(`${C}.secretHint`) : masked(initial.config[f]) ? t(`${C}.urlHint`) : undefined}
            >
              {kind === 'secret' ? (
                <Input.Password autoComplete="new-password" />
              ) : kind === 'port' ? (
                <InputNumber min={1} max={65535} precision={0} style={{ width: 160 }} />
              ) : kind === 'switch' ? (
                <Switch />
              ) : (
                <Input />
              )}
            </Form.Item>
          ))}
          {code === 'sms' && <HeaderList hint={Object.keys(c?.config.headers ?? {}).length > 0} />}
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} />}
    </Drawer>
  );
}

/** The SMS gateway's request headers (Authorization, Accept, X-…), one row each; their values come back masked. */
function HeaderList({ hint }: { hint: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t(`${C}.fields.headers`)} extra={hint ? t(`${C}.headersHint`) : undefined}>
      <Form.List name={['config', 'headers']}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => (
              <Space key={row.key} align="start" style={{ display: 'flex' }}>
                <Form.Item name={[row.name, 'name']} style={{ marginBottom: 8 }}>
                  <Input aria-label={t(`${C}.fields.headerName`)} placeholder={t(`${C}.fields.headerName`)} style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name={[row.name, 'value']} style={{ marginBottom: 8 }}>
                  <Input.Password aria-label={t(`${C}.fields.headerValue`)} placeholder={t(`${C}.fields.headerValue`)} autoComplete="new-password" style={{ width: 240 }} />
                </Form.Item>
                <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(row.name)} aria-label={t(`${C}.fields.removeHeader`, { n: row.name + 1 })} />
              </Space>
            ))}
            <Button type="dashed" size="small" onClick={() => add({ name: '', value: '' })}>
              {t(`${C}.fields.addHeader`)}
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
