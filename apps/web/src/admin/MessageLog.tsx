/**
 * 消息记录: the outbox as its reader may see it (GET /messages: administrators all of it, supervisors what concerns
 * their orders, phones masked by the server), filtered by status, channel, template and order number, paged on
 * the server; a message's details (text, address, attempts, times) in a drawer.
 */
import { useState } from 'react';
import { Button, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MESSAGE_CHANNELS, MESSAGE_STATUSES, type MessageChannel, type MessageStatus, type OutboxMessage } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';
import { templateName, useSupervisionLevels } from './settings-shared.ts';

const M = 'admin.settings.messages';
const STATUS_COLOURS: Record<MessageStatus, string> = { pending: 'processing', sent: 'success', stored: 'default', failed: 'error' };
const ORDER_CODE = /^LD[0-9]{14,}$/;

interface Filter {
  status?: MessageStatus;
  channel?: MessageChannel;
  template?: string;
  orderCode?: string;
}

export function MessageLog() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState(false);
  const [detail, setDetail] = useState<OutboxMessage | null>(null);
  const query = { ...filter, page, pageSize };
  const messages = useQuery({
    queryKey: ['message-log', query, lang],
    queryFn: () => call('messages.listMessages', { query }),
    placeholderData: keepPreviousData,
  });
  const templates = useQuery({ queryKey: ['message-templates'], queryFn: () => call('messages.listTemplates'), staleTime: 600_000 });
  const levels = useSupervisionLevels(lang);
  const name = (c: string) => templateName(c, t, (k) => i18n.exists(k), levels.data, lang);
  const set = (patch: Filter) => {
    setPage(1);
    setFilter((f) => ({ ...f, ...patch }));
  };
  const searchCode = (value: string) => {
    const v = value.trim();
    setCodeError(v !== '' && !ORDER_CODE.test(v));
    if (v === '' || ORDER_CODE.test(v)) set({ orderCode: v || undefined });
  };
  const reset = () => {
    setCode('');
    setCodeError(false);
    setPage(1);
    setFilter({});
  };
  const channelName = (c: MessageChannel) => t(`admin.settings.channels.short.${c}`);
  const templateCodes = [...new Set((templates.data ?? []).map((x) => x.code))];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Form layout="inline" className="order-filters" aria-label={t(`${M}.title`)}>
        <Form.Item label={t(`${M}.status`)} htmlFor="message-status">
          <Select
            id="message-status"
            allowClear
            placeholder={t('admin.settings.common.any')}
            style={{ width: 120 }}
            value={filter.status}
            onChange={(v) => set({ status: v })}
            options={MESSAGE_STATUSES.map((s) => ({ value: s, label: t(`${M}.statuses.${s}`) }))}
          />
        </Form.Item>
        <Form.Item label={t(`${M}.channel`)} htmlFor="message-channel">
          <Select
            id="message-channel"
            allowClear
            placeholder={t('admin.settings.common.any')}
            style={{ width: 120 }}
            value={filter.channel}
            onChange={(v) => set({ channel: v })}
            options={MESSAGE_CHANNELS.map((c) => ({ value: c, label: channelName(c) }))}
          />
        </Form.Item>
        <Form.Item label={t(`${M}.template`)} htmlFor="message-template">
          <Select
            id="message-template"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('admin.settings.common.any')}
            style={{ width: 180 }}
            value={filter.template}
            onChange={(v) => set({ template: v })}
            options={templateCodes.map((c) => ({ value: c, label: name(c) }))}
          />
        </Form.Item>
        <Form.Item label={t(`${M}.orderCode`)} htmlFor="message-order" validateStatus={codeError ? 'error' : undefined} help={codeError ? t(`${M}.orderCodeInvalid`) : undefined}>
          <Input.Search
            id="message-order"
            allowClear
            placeholder={t(`${M}.orderCodePlaceholder`)}
            style={{ width: 240 }}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onSearch={searchCode}
            enterButton={t('admin.settings.common.search')}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button onClick={reset}>{t('admin.settings.common.reset')}</Button>
            <Button onClick={() => void messages.refetch()}>{t('admin.settings.common.refresh')}</Button>
          </Space>
        </Form.Item>
      </Form>
      <Table
        size="small"
        bordered
        rowKey="id"
        aria-label={t(`${M}.title`)}
        loading={messages.isFetching}
        dataSource={messages.data?.items ?? []}
        locale={{ emptyText: t(`${M}.empty`) }}
        scroll={{ x: 1280 }}
        pagination={{
          current: page,
          pageSize,
          total: messages.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (count) => t('admin.settings.common.total', { count: messages.data?.totalCapped ? `${count}+` : count }),
          onChange: (p, s) => {
            setPage(s === pageSize ? p : 1);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t(`${M}.createdAt`), dataIndex: 'createdAt', width: 136, render: formatTime },
          { title: t(`${M}.channel`), dataIndex: 'channel', width: 84, render: channelName },
          { title: t(`${M}.recipient`), key: 'recipient', width: 200, ellipsis: true, render: (_: unknown, m: OutboxMessage) => <Recipient m={m} /> },
          {
            title: t(`${M}.subject`),
            dataIndex: 'subject',
            ellipsis: true,
            render: (subject: string) => <span title={subject}>{subject}</span>,
          },
          {
            title: t(`${M}.order`),
            dataIndex: 'orderCode',
            width: 146,
            render: (c: string | null, m: OutboxMessage) => (c && m.orderId ? <Link to={`/orders/${m.orderId}`}>{c}</Link> : '—'),
          },
          {
            title: t(`${M}.status`),
            dataIndex: 'status',
            width: 84,
            render: (s: MessageStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`${M}.statuses.${s}`)}</Tag>,
          },
          { title: t(`${M}.attempts`), dataIndex: 'attempts', width: 88, align: 'right' },
          {
            title: t(`${M}.lastError`),
            dataIndex: 'lastError',
            width: 170,
            ellipsis: true,
            render: (e: string | null) => (e ? <Typography.Text type="danger" title={e}>{e}</Typography.Text> : '—'),
          },
          { title: t(`${M}.sentAt`), dataIndex: 'sentAt', width: 136, render: (x: string | null) => formatTime(x) || '—' },
          {
            title: t('admin.settings.common.actions'),
            key: 'op',
            width: 72,
            fixed: 'right',
            render: (_: unknown, m: OutboxMessage) => (
              <Button type="link" size="small" aria-label={`${t('admin.settings.common.detail')} ${m.id}`} onClick={() => setDetail(m)}>
                {t('admin.settings.common.detail')}
              </Button>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary">{t(`${M}.storedHint`)}</Typography.Text>
      {detail && <MessageDetail m={detail} templateLabel={name(detail.template)} onClose={() => setDetail(null)} />}
    </Space>
  );
}

/** Whom a message is for: the unit's or user's name, the (masked) phone, the address, or the group robot. */
function Recipient({ m }: { m: OutboxMessage }) {
  const { t } = useTranslation();
  const r = m.recipient;
  const who = m.recipientName ?? (r.kind === 'phone' ? r.phone : r.kind === 'email' ? r.address : null) ?? m.address;
  return (
    <span title={who ?? undefined}>
      <Typography.Text type="secondary">{t(`${M}.recipients.${r.kind}`)}</Typography.Text>
      {who && ` ${who}`}
    </span>
  );
}

function MessageDetail({ m, templateLabel, onClose }: { m: OutboxMessage; templateLabel: string; onClose: () => void }) {
  const { t } = useTranslation();
  const time = (x: string | null) => formatTime(x) || '—';
  return (
    <Drawer open size={640} title={t(`${M}.detailTitle`, { id: m.id })} onClose={onClose} destroyOnHidden>
      <Descriptions size="small" bordered column={1} styles={{ label: { width: 120 } }}>
        <Descriptions.Item label={t(`${M}.status`)}>
          <Tag color={STATUS_COLOURS[m.status]}>{t(`${M}.statuses.${m.status}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t(`${M}.channel`)}>{t(`admin.settings.channels.names.${m.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t(`${M}.recipient`)}>
          <Recipient m={m} />
        </Descriptions.Item>
        <Descriptions.Item label={t(`${M}.address`)}>{m.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(`${M}.template`)}>{t(`${M}.templateWithCode`, { name: templateLabel, code: m.template })}</Descriptions.Item>
        <Descriptions.Item label={t(`${M}.lang`)}>{t(`admin.settings.templates.langs.${m.lang}`)}</Descriptions.Item>
        <Descriptions.Item label={t(`${M}.order`)}>{m.orderCode && m.orderId ? <Link to={`/orders/${m.orderId}`}>{m.orderCode}</Link> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t(`${M}.subject`)}>{m.subject}</Descriptions.Item>
        <Descriptions.Item label={t(`${M}.body`)}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{m.body}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t(`${M}.attempts`)}>{m.attempts}</Descriptions.Item>
        <Descriptions.Item label={t(`${M}.lastError`)}>{m.lastError ? <Typography.Text type="danger">{m.lastError}</Typography.Text> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t(`${M}.createdAt`)}>{time(m.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t(`${M}.nextAttemptAt`)}>{time(m.nextAttemptAt)}</Descriptions.Item>
        <Descriptions.Item label={t(`${M}.sentAt`)}>{time(m.sentAt)}</Descriptions.Item>
        <Descriptions.Item label={t(`${M}.readAt`)}>{time(m.readAt)}</Descriptions.Item>
      </Descriptions>
    </Drawer>
  );
}
