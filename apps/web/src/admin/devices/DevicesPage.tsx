/**
 * 设备管理: the cameras and sensors (code, name, kind, place, state, last detection), found by code or name;
 * register one (its secret shown once, to copy into the device), change one, rotate its secret (shown once
 * again), deactivate or activate it. A secret is never listed: the server keeps it and shows it only in those
 * two answers.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeviceView } from '@liandong/contracts';
import { ApiFailure, call } from '../../shared/api.ts';
import { formatTime } from '../../shared/labels.tsx';
import { DeviceForm } from './DeviceForm.tsx';

interface Filter {
  q?: string;
  active?: boolean;
  page: number;
}

export function DevicesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [filter, setFilter] = useState<Filter>({ page: 1 });
  const [editing, setEditing] = useState<DeviceView | 'new' | null>(null);
  const devices = useQuery({ queryKey: ['admin-devices', filter], queryFn: () => call('devices.listDevices', { query: { ...filter, pageSize: 20 } }) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin-devices'] });
  const fail = (e: unknown) => void message.error(e instanceof ApiFailure ? e.message : t('error.unknown'));
  const showSecret = (code: string, secret: string) =>
    modal.warning({
      title: t('admin.devices.secretTitle'),
      okText: t('admin.devices.secretSaved'),
      width: 640,
      content: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('admin.devices.secretHint', { code })}</Typography.Text>
          <Typography.Text code copyable style={{ fontSize: 15, wordBreak: 'break-all' }} aria-label={t('admin.devices.secretLabel')}>
            {secret}
          </Typography.Text>
          <Typography.Text type="secondary">{t('admin.devices.secretHowTo')}</Typography.Text>
        </Space>
      ),
    });
  const rotate = useMutation({
    mutationFn: (d: DeviceView) => call('devices.rotateDeviceSecret', { params: { id: d.id } }),
    onSuccess: async (r) => {
      await refresh();
      showSecret(r.device.code, r.secret);
    },
    onError: fail,
  });
  const setActive = useMutation({
    mutationFn: (d: DeviceView) => (d.active ? call('devices.deactivateDevice', { params: { id: d.id } }) : call('devices.updateDevice', { params: { id: d.id }, body: { active: true } })),
    onSuccess: refresh,
    onError: fail,
  });
  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));
  const confirm = (title: string, run: () => Promise<unknown>) => modal.confirm({ title, okText: t('action.submit'), cancelText: t('action.cancel'), onOk: () => run().catch(() => undefined) });
  return (
    <Card
      size="small"
      title={t('admin.devices.title')}
      extra={
        <Button type="primary" size="small" onClick={() => setEditing('new')}>
          {t('admin.devices.register')}
        </Button>
      }
    >
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={t('admin.devices.search')} htmlFor="device-q">
          <Input.Search id="device-q" allowClear style={{ width: 220 }} onSearch={(q) => set({ q: q.trim() || undefined })} />
        </Form.Item>
        <Form.Item label={t('admin.devices.state')} htmlFor="device-state">
          <Select
            id="device-state"
            style={{ width: 110 }}
            value={filter.active === undefined ? 'any' : String(filter.active)}
            options={[
              { value: 'any', label: t('admin.devices.any') },
              { value: 'true', label: t('admin.devices.active') },
              { value: 'false', label: t('admin.devices.inactive') },
            ]}
            onChange={(v) => set({ active: v === 'any' ? undefined : v === 'true' })}
          />
        </Form.Item>
      </Form>
      <Table<DeviceView>
        size="small"
        rowKey="id"
        aria-label={t('admin.devices.title')}
        loading={devices.isFetching}
        dataSource={devices.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{
          current: filter.page,
          pageSize: 20,
          total: devices.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (count) => t('admin.devices.total', { count }),
          onChange: (page) => set({ page }),
        }}
        columns={[
          { title: t('admin.devices.code'), dataIndex: 'code', width: 170, ellipsis: true },
          { title: t('admin.devices.name'), dataIndex: 'name', ellipsis: true },
          { title: t('admin.devices.kind'), dataIndex: 'kind', width: 80, render: (k: DeviceView['kind']) => t(`admin.devices.kinds.${k}`) },
          { title: t('admin.devices.place'), key: 'place', ellipsis: true, render: (_, d) => d.place || d.gridCode || '—' },
          {
            title: t('admin.devices.state'),
            key: 'state',
            width: 80,
            render: (_, d) => (d.active ? <Tag color="green">{t('admin.devices.active')}</Tag> : <Tag>{t('admin.devices.inactive')}</Tag>),
          },
          { title: t('admin.devices.lastDetection'), key: 'last', width: 140, render: (_, d) => (d.lastDetectionAt ? formatTime(d.lastDetectionAt) : <Typography.Text type="secondary">{t('admin.devices.never')}</Typography.Text>) },
          {
            title: t('admin.devices.actions'),
            key: 'actions',
            width: 190,
            fixed: 'right',
            render: (_, d) => (
              <Space size={0}>
                <Button size="small" type="link" aria-label={`${t('admin.devices.edit')} ${d.code}`} onClick={() => setEditing(d)}>
                  {t('admin.devices.edit')}
                </Button>
                <Button size="small" type="link" aria-label={`${t('admin.devices.rotate')} ${d.code}`} onClick={() => confirm(t('admin.devices.confirmRotate', { code: d.code }), () => rotate.mutateAsync(d))}>
                  {t('admin.devices.rotate')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  danger={d.active}
                  aria-label={`${d.active ? t('admin.devices.deactivate') : t('admin.devices.activate')} ${d.code}`}
                  onClick={() => (d.active ? confirm(t('admin.devices.confirmDeactivate', { code: d.code }), () => setActive.mutateAsync(d)) : setActive.mutate(d))}
                >
                  {d.active ? t('admin.devices.deactivate') : t('admin.devices.activate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <DeviceForm
          device={editing === 'new' ? undefined : editing}
          onClose={(created) => {
            setEditing(null);
            if (created) showSecret(created.device.code, created.secret);
          }}
        />
      )}
    </Card>
  );
}
