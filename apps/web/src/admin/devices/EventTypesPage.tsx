/**
 * 事件类型: what each type of detection becomes — its class in the catalogue, the confidence threshold, how near and
 * how soon detections count as one, whether an operator reviews it first, whether it is in use — each changed in a
 * form (the server refuses an unknown class or a value out of range next to its field).
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EventTypeView } from '@liandong/contracts';
import { localName } from '../../i18n.ts';
import { call } from '../../shared/api.ts';
import { showFormError } from '../../shared/form-errors.ts';
import { FormModal } from '../../shared/FormModal.tsx';
import { CategorySelect } from '../../intake/CategorySelect.tsx';

export function EventTypesPage() {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<EventTypeView | null>(null);
  const types = useQuery({ queryKey: ['admin-event-types'], queryFn: () => call('devices.listEventTypes') });
  // Each mapped class by its code (events and components alike).
  const codes = [...new Set((types.data?.items ?? []).map((x) => x.categoryCode).filter((c): c is string => Boolean(c)))];
  const categories = useQueries({
    queries: codes.map((code) => ({ queryKey: ['category', code, i18n.language], queryFn: () => call('catalogue.listCategories', { query: { q: code } }), staleTime: 600_000 })),
  });
  const categoryName = new Map(categories.flatMap((c) => c.data ?? []).map((c) => [c.code, localName(c, i18n.language)]));
  const name = (x: EventTypeView) => (i18n.language === 'en' ? x.nameEn : x.nameZh);
  return (
    <Card size="small" title={t('admin.eventTypes.title')}>
      <Typography.Paragraph type="secondary">{t('admin.eventTypes.hint')}</Typography.Paragraph>
      <Table<EventTypeView>
        size="small"
        rowKey="code"
        aria-label={t('admin.eventTypes.title')}
        loading={types.isFetching}
        dataSource={types.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('admin.eventTypes.code'), dataIndex: 'code', width: 150 },
          { title: t('admin.eventTypes.nameZh'), key: 'name', width: 140, render: (_, x) => name(x) },
          {
            title: t('admin.eventTypes.category'),
            key: 'category',
            ellipsis: true,
            render: (_, x) => (x.categoryCode ? `${categoryName.get(x.categoryCode) ?? ''}（${x.categoryCode}）` : <Typography.Text type="secondary">{t('admin.eventTypes.noCategory')}</Typography.Text>),
          },
          { title: t('admin.eventTypes.threshold'), dataIndex: 'threshold', width: 100, render: (v: number) => v.toFixed(2) },
          { title: t('admin.eventTypes.foldRadiusM'), dataIndex: 'foldRadiusM', width: 110 },
          { title: t('admin.eventTypes.foldWindowMinutes'), dataIndex: 'foldWindowMinutes', width: 130 },
          {
            title: t('admin.eventTypes.review'),
            dataIndex: 'review',
            width: 100,
            render: (v: boolean) => (v ? <Tag color="orange">{t('admin.eventTypes.reviewYes')}</Tag> : <Tag color="blue">{t('admin.eventTypes.reviewNo')}</Tag>),
          },
          { title: t('admin.eventTypes.state'), dataIndex: 'active', width: 80, render: (v: boolean) => (v ? <Tag color="green">{t('admin.eventTypes.inUse')}</Tag> : <Tag>{t('admin.eventTypes.outOfUse')}</Tag>) },
          {
            title: t('admin.eventTypes.actions'),
            key: 'actions',
            width: 80,
            fixed: 'right',
            render: (_, x) => (
              <Button size="small" type="link" aria-label={`${t('admin.eventTypes.edit')} ${x.code}`} onClick={() => setEditing(x)}>
                {t('admin.eventTypes.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && <EventTypeForm type={editing} title={t('admin.eventTypes.editTitle', { name: name(editing) })} onClose={() => setEditing(null)} />}
    </Card>
  );
}

const FIELDS = ['nameZh', 'nameEn', 'categoryCode', 'threshold', 'foldRadiusM', 'foldWindowMinutes', 'review', 'active'] as const;

function EventTypeForm({ type, title, onClose }: { type: EventTypeView; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      call('devices.updateEventType', {
        params: { code: type.code },
        body: { ...Object.fromEntries(FIELDS.map((f) => [f, v[f]])), categoryCode: (v.categoryCode as string | undefined) ?? null } as never,
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['admin-event-types'] });
      onClose();
    },
    onError: (e) => showFormError(form, e, FIELDS, setError),
  });
  const required = (label: string) => [{ required: true, message: t('action.required', { field: label }) }];
  return (
    <FormModal title={title} form={form} onCancel={onClose} busy={save.isPending} width={620}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="event-type" layout="vertical" initialValues={{ ...type, categoryCode: type.categoryCode ?? undefined }} onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label={t('admin.eventTypes.nameZh')} name="nameZh" rules={required(t('admin.eventTypes.nameZh'))}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('admin.eventTypes.nameEn')} name="nameEn" rules={required(t('admin.eventTypes.nameEn'))}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('admin.eventTypes.category')} name="categoryCode" extra={t('admin.eventTypes.categoryHint')}>
          <CategorySelect />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label={t('admin.eventTypes.threshold')} name="threshold" extra={t('admin.eventTypes.thresholdHint')} rules={required(t('admin.eventTypes.threshold'))}>
              <InputNumber step={0.05} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('admin.eventTypes.foldRadiusM')} name="foldRadiusM" rules={required(t('admin.eventTypes.foldRadiusM'))}>
              <InputNumber precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('admin.eventTypes.foldWindowMinutes')} name="foldWindowMinutes" rules={required(t('admin.eventTypes.foldWindowMinutes'))}>
              <InputNumber precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label={t('admin.eventTypes.review')} name="review" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('admin.eventTypes.active')} name="active" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}
