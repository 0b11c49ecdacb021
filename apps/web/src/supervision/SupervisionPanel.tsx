/**
 * 督办 on an order's page: its supervisions with level, unit, task deadline, reply, review and instruction; the
 * special report (专报) opened as HTML or downloaded as .docx; and the buttons the server's rules allow this user —
 * raise a supervision (orders.supervise), reply for the supervised unit, review a reply, give an instruction on a
 * special report (supervision.instruct). Refusals come back from the server in the form.
 */
import { useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, List, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FINAL_STATES, type Me, type OrderDetail, type SupervisionView } from '@liandong/contracts';
import { ApiFailure, call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';

type Dialog = { kind: 'raise' } | { kind: 'reply' | 'review' | 'instruct'; s: SupervisionView };

export function SupervisionPanel({ order, me }: { order: OrderDetail; me: Me }) {
  const { t, i18n } = useTranslation();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const list = useQuery({ queryKey: ['order', String(order.id), 'supervisions', i18n.language, order.updatedAt], queryFn: () => call('supervision.listSupervisions', { params: { id: order.id } }) });
  const mayRaise = me.permissions.includes('orders.supervise') && !FINAL_STATES.includes(order.state.code);
  const statusColour = { open: 'orange', replied: 'blue', closed: 'green' } as const;
  return (
    <Card
      size="small"
      title={t('supervise.title')}
      role="region"
      aria-label={t('supervise.title')}
      extra={mayRaise && <Button size="small" type="primary" danger onClick={() => setDialog({ kind: 'raise' })}>{t('supervise.raise')}</Button>}
    >
      {(list.data ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervise.none')} />
      ) : (
        <List
          size="small"
          dataSource={list.data}
          renderItem={(s) => (
            <List.Item>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <Tag color="red">{s.levelName}</Tag>
                  <Tag color={statusColour[s.status]}>{t(`supervise.status.${s.status}`)}</Tag>
                  <Typography.Text type="secondary">
                    {formatTime(s.raisedAt)} · {s.raisedByName ?? t('supervise.auto')}
                  </Typography.Text>
                </Space>
                <span>
                  {s.unitName && `${t('supervise.unit')}：${s.unitName}　`}
                  {s.taskDueAt && `${t('supervise.due')}：${formatTime(s.taskDueAt)}`}
                </span>
                {s.note && <span>{s.note}</span>}
                {s.reply && <span className="supervise-reply">{t('supervise.reply')}：{s.reply}</span>}
                {s.reviewNote && <span>{t('supervise.reviewNote')}：{s.reviewNote}</span>}
                {s.instruction && (
                  <span className="supervise-instruction">
                    {t('supervise.instruction')}（{s.instructedByName}）：{s.instruction}
                  </span>
                )}
                <Space wrap size={8}>
                  {s.reportHtmlId && (
                    <a href={`/api/v1/files/${s.reportHtmlId}`} target="_blank" rel="noreferrer">
                      {t('supervise.openReport')}
                    </a>
                  )}
                  {s.reportDocxId && (
                    <a href={`/api/v1/files/${s.reportDocxId}`} download={`${order.code}-专报.docx`}>
                      {t('supervise.downloadReport')}
                    </a>
                  )}
                  {s.status === 'open' && s.unitId !== null && me.unitIds.includes(s.unitId) && (
                    <Button size="small" onClick={() => setDialog({ kind: 'reply', s })}>{t('supervise.doReply')}</Button>
                  )}
                  {s.status === 'replied' && me.permissions.includes('orders.supervise') && (
                    <Button size="small" onClick={() => setDialog({ kind: 'review', s })}>{t('supervise.doReview')}</Button>
                  )}
                  {s.reportDocxId && !s.instruction && me.permissions.includes('supervision.instruct') && (
                    <Button size="small" onClick={() => setDialog({ kind: 'instruct', s })}>{t('supervise.doInstruct')}</Button>
                  )}
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
      {dialog && <SupervisionDialog order={order} dialog={dialog} onClose={() => setDialog(null)} />}
    </Card>
  );
}

function SupervisionDialog({ order, dialog, onClose }: { order: OrderDetail; dialog: Dialog; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const levels = useQuery({ queryKey: ['supervision-levels'], queryFn: () => call('supervision.listLevels'), staleTime: Infinity, enabled: dialog.kind === 'raise' });
  const run = useMutation({
    mutationFn: async (v: Record<string, unknown>) => {
      if (dialog.kind === 'raise') return call('supervision.supervise', { params: { id: order.id }, body: { level: v.level as number, note: v.note as string, ...(v.taskHours ? { taskHours: v.taskHours as number } : {}) } });
      if (dialog.kind === 'reply') return call('supervision.reply', { params: { id: dialog.s.id }, body: { reply: v.reply as string } });
      if (dialog.kind === 'review') return call('supervision.review', { params: { id: dialog.s.id }, body: { accepted: Boolean(v.accepted), ...(v.note ? { note: v.note as string } : {}) } });
      return call('supervision.instruct', { params: { id: dialog.s.id }, body: { instruction: v.instruction as string } });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['order', String(order.id)] });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiFailure && e.field) form.setFields([{ name: e.field, errors: [e.message] }]);
      else setError(e instanceof ApiFailure ? e.message : t('error.unknown'));
    },
  });
  const required = (field: string) => [{ required: true, message: t('action.required', { field }) }];
  const title = t(`supervise.dialog.${dialog.kind}`);
  return (
    <Modal open title={`${title} · ${order.code}`} okText={t('action.submit')} cancelText={t('action.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={run.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => { setError(null); run.mutate(v); }} initialValues={{ accepted: true }}>
        {dialog.kind === 'raise' && (
          <>
            <Form.Item name="level" label={t('supervise.level')} rules={required(t('supervise.level'))}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={(levels.data ?? []).map((l) => ({ value: l.level, label: `${l.level} ${i18n.language === 'en' ? l.nameEn : l.nameZh}` }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('supervise.note')} rules={required(t('supervise.note'))} extra={t('supervise.noteHint')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="taskHours" label={t('supervise.taskHours')}>
              <InputNumber min={0.5} max={200} style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        {dialog.kind === 'reply' && (
          <Form.Item name="reply" label={t('supervise.reply')} rules={required(t('supervise.reply'))}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        )}
        {dialog.kind === 'review' && (
          <>
            <Form.Item name="accepted" label={t('supervise.accepted')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="note" label={t('supervise.reviewNote')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {dialog.kind === 'instruct' && (
          <Form.Item name="instruction" label={t('supervise.instruction')} rules={required(t('supervise.instruction'))}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
