/**
 * 大屏令牌: the keys of the wall displays. An administrator makes one per screen for the whole district or one
 * town; the screen's address with its token is shown once (to open on the wall); revoking one stops its screen at
 * once. The secret is never listed.
 */
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ScreenTokenView } from '@liandong/contracts';
import { ApiFailure, call } from '../../shared/api.ts';
import { formatTime } from '../../shared/labels.tsx';
import { showFieldError } from '../../shared/form-errors.ts';

export function ScreenTokensPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; areaCode: string }>();
  const tokens = useQuery({ queryKey: ['admin-screen-tokens'], queryFn: () => call('screen.listScreenTokens') });
  const divisions = useQuery({ queryKey: ['divisions'], queryFn: () => call('territory.listDivisions'), staleTime: 300_000 });
  const areas = (divisions.data ?? [])
    .filter((d) => d.level === 'district' || d.level === 'town')
    .map((d) => ({ value: d.code, label: d.level === 'district' ? `${d.name}（${t('admin.screens.district')}）` : d.name }));
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin-screen-tokens'] });
  const make = useMutation({
    mutationFn: (body: { name: string; areaCode: string }) => call('screen.createScreenToken', { body }),
    onSuccess: async (r) => {
      form.resetFields();
      await refresh();
      const url = `${location.origin}${r.url}`;
      modal.warning({
        title: t('admin.screens.urlTitle'),
        okText: t('admin.screens.urlSaved'),
        width: 720,
        content: (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>{t('admin.screens.urlHint', { name: r.token.name })}</Typography.Text>
            <Typography.Text code copyable style={{ fontSize: 15, wordBreak: 'break-all' }} aria-label={t('admin.screens.urlLabel')}>
              {url}
            </Typography.Text>
          </Space>
        ),
      });
    },
    onError: (e) => {
      if (!showFieldError(form, e, ['name', 'areaCode'])) void message.error(e instanceof ApiFailure ? e.message : t('error.unknown'));
    },
  });
  const revoke = useMutation({
    mutationFn: (s: ScreenTokenView) => call('screen.revokeScreenToken', { params: { id: s.id } }),
    onSuccess: refresh,
    onError: (e) => void message.error(e instanceof ApiFailure ? e.message : t('error.unknown')),
  });
  return (
    <Card size="small" title={t('admin.screens.title')}>
      <Typography.Paragraph type="secondary">{t('admin.screens.hint')}</Typography.Paragraph>
      <Form form={form} layout="inline" aria-label={t('admin.screens.make')} onFinish={(v) => make.mutate(v)} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="name" label={t('admin.screens.name')} htmlFor="screen-name" rules={[{ required: true, whitespace: true, message: t('admin.screens.nameHint') }]}>
          <Input id="screen-name" placeholder={t('admin.screens.nameHint')} maxLength={60} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="areaCode" label={t('admin.screens.area')} htmlFor="screen-area" rules={[{ required: true, message: t('admin.screens.area') }]}>
          <Select id="screen-area" showSearch optionFilterProp="label" options={areas} loading={divisions.isLoading} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={make.isPending}>
            {t('admin.screens.make')}
          </Button>
        </Form.Item>
      </Form>
      <Table<ScreenTokenView>
        size="small"
        rowKey="id"
        aria-label={t('admin.screens.title')}
        loading={tokens.isFetching}
        dataSource={tokens.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('admin.screens.empty') }}
        columns={[
          { title: t('admin.screens.name'), dataIndex: 'name', ellipsis: true },
          { title: t('admin.screens.areaName'), dataIndex: 'areaName', width: 160 },
          { title: t('admin.screens.createdAt'), key: 'created', width: 150, render: (_, s) => formatTime(s.createdAt) },
          { title: t('admin.screens.createdBy'), dataIndex: 'createdBy', width: 110, render: (u: string | null) => u ?? '—' },
          { title: t('admin.screens.lastSeen'), key: 'seen', width: 150, render: (_, s) => (s.lastSeenAt ? formatTime(s.lastSeenAt) : <Typography.Text type="secondary">{t('admin.screens.never')}</Typography.Text>) },
          {
            title: t('admin.screens.state'),
            key: 'state',
            width: 90,
            render: (_, s) => (s.revokedAt ? <Tag>{t('admin.screens.revoked')}</Tag> : <Tag color="green">{t('admin.screens.active')}</Tag>),
          },
          {
            title: '',
            key: 'actions',
            width: 80,
            render: (_, s) =>
              s.revokedAt ? null : (
                <Button
                  size="small"
                  type="link"
                  danger
                  aria-label={`${t('admin.screens.revoke')} ${s.name}`}
                  onClick={() =>
                    modal.confirm({
                      title: t('admin.screens.confirmRevoke', { name: s.name }),
                      okText: t('action.submit'),
                      cancelText: t('action.cancel'),
                      onOk: () => revoke.mutateAsync(s).catch(() => undefined),
                    })
                  }
                >
                  {t('admin.screens.revoke')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
