/**
 * 用户管理: accounts filtered by name, unit (with the units below), role and state; add one (its one-time password
 * shown once), change one, disable or enable it, reset its password. Disabling or resetting signs the user out.
 */
import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS, ROLES, type Role, type UserAdmin } from '@liandong/contracts';
import { pick } from '../../i18n.ts';
import { ApiFailure, call } from '../../shared/api.ts';
import { formatTime } from '../../shared/labels.tsx';
import { unitTree } from '../org/unit-tree.ts';
import { UserForm } from './UserForm.tsx';

interface Filter {
  q?: string;
  unitId?: number;
  role?: Role;
  active?: boolean;
  page: number;
}

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [filter, setFilter] = useState<Filter>({ page: 1, active: true });
  const [editing, setEditing] = useState<UserAdmin | 'new' | null>(null);
  const units = useQuery({ queryKey: ['admin-units'], queryFn: () => call('org.listUnits') });
  const users = useQuery({ queryKey: ['admin-users', filter], queryFn: () => call('org.listUsers', { query: { ...filter, pageSize: 20 } }) });
  const tree = useMemo(() => unitTree(units.data ?? [], { onlyActive: true }), [units.data]);
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin-users'] });
  const fail = (e: unknown) => void message.error(e instanceof ApiFailure ? e.message : t('error.unknown'));
  const toggle = useMutation({ mutationFn: (u: UserAdmin) => call('org.updateUser', { params: { id: u.id }, body: { active: !u.active } }), onSuccess: refresh, onError: fail });
  const reset = useMutation({
    mutationFn: (u: UserAdmin) => call('org.resetPassword', { params: { id: u.id } }),
    onSuccess: async (r, u) => {
      await refresh();
      showOneTimePassword(modal, t, u.displayName, r.temporaryPassword);
    },
    onError: fail,
  });
  const roleLabel = (r: Role) => pick(ROLE_LABELS[r], i18n.language);
  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));
  return (
    <Card size="small" title={t('admin.users.title')} extra={<Button type="primary" size="small" onClick={() => setEditing('new')}>{t('admin.users.add')}</Button>}>
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={t('admin.users.search')} htmlFor="user-q">
          <Input.Search id="user-q" allowClear style={{ width: 180 }} onSearch={(q) => set({ q: q.trim() || undefined })} />
        </Form.Item>
        <Form.Item label={t('admin.users.unit')} htmlFor="user-unit">
          <TreeSelect id="user-unit" allowClear showSearch treeNodeFilterProp="title" style={{ width: 260 }} treeData={tree as never} onChange={(v) => set({ unitId: v as number | undefined })} />
        </Form.Item>
        <Form.Item label={t('admin.users.role')} htmlFor="user-role">
          <Select id="user-role" allowClear style={{ width: 140 }} options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} onChange={(v) => set({ role: v })} />
        </Form.Item>
        <Form.Item label={t('admin.users.state')} htmlFor="user-state">
          <Select
            id="user-state"
            style={{ width: 100 }}
            value={filter.active === undefined ? 'any' : String(filter.active)}
            options={[
              { value: 'true', label: t('admin.users.active') },
              { value: 'false', label: t('admin.users.disabled') },
              { value: 'any', label: t('admin.users.any') },
            ]}
            onChange={(v) => set({ active: v === 'any' ? undefined : v === 'true' })}
          />
        </Form.Item>
      </Form>
      <Table<UserAdmin>
        size="small"
        rowKey="id"
        aria-label={t('admin.users.title')}
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{
          current: filter.page,
          pageSize: 20,
          total: users.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (count) => t('admin.users.total', { count }),
          onChange: (page) => set({ page }),
        }}
        columns={[
          { title: t('admin.users.username'), dataIndex: 'username', width: 150 },
          { title: t('admin.users.displayName'), dataIndex: 'displayName', width: 170 },
          { title: t('admin.users.unit'), key: 'unit', ellipsis: true, render: (_, u) => u.unit?.name ?? '—' },
          { title: t('admin.users.roles'), key: 'roles', width: 160, render: (_, u) => u.roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>) },
          {
            title: t('admin.users.scopeAreas'),
            key: 'scope',
            ellipsis: true,
            render: (_, u) => [...u.scope.units.map((x) => x.name), ...u.scope.areas.map((a) => a.name ?? a.code)].join('、') || '—',
          },
          {
            title: t('admin.users.state'),
            key: 'state',
            width: 120,
            render: (_, u) => (
              <Space size={4} wrap>
                {u.active ? <Tag color="green">{t('admin.users.active')}</Tag> : <Tag>{t('admin.users.disabled')}</Tag>}
                {u.mustChangePassword && <Tag color="orange">{t('admin.users.mustChange')}</Tag>}
              </Space>
            ),
          },
          { title: t('admin.users.lastLogin'), key: 'login', width: 140, render: (_, u) => (u.lastLoginAt ? formatTime(u.lastLoginAt) : t('admin.users.never')) },
          {
            title: t('admin.users.actions'),
            key: 'actions',
            width: 200,
            fixed: 'right',
            render: (_, u) => (
              <Space size={4}>
                <Button size="small" type="link" aria-label={`${t('admin.users.edit')} ${u.username}`} onClick={() => setEditing(u)}>
                  {t('admin.users.edit')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  aria-label={`${t('admin.users.resetPassword')} ${u.username}`}
                  onClick={() => modal.confirm({ title: t('admin.users.confirmReset', { name: u.displayName }), okText: t('action.submit'), cancelText: t('action.cancel'), onOk: () => reset.mutateAsync(u).catch(() => undefined) })}
                >
                  {t('admin.users.resetPassword')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  danger={u.active}
                  aria-label={`${u.active ? t('admin.users.disable') : t('admin.users.enable')} ${u.username}`}
                  onClick={() =>
                    u.active
                      ? modal.confirm({ title: t('admin.users.confirmDisable', { name: u.displayName }), okText: t('action.submit'), cancelText: t('action.cancel'), onOk: () => toggle.mutateAsync(u).catch(() => undefined) })
                      : toggle.mutate(u)
                  }
                >
                  {u.active ? t('admin.users.disable') : t('admin.users.enable')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <UserForm
          user={editing === 'new' ? undefined : editing}
          units={units.data ?? []}
          onClose={(created) => {
            setEditing(null);
            if (created) showOneTimePassword(modal, t, created.user.displayName, created.temporaryPassword);
          }}
        />
      )}
    </Card>
  );
}

/** The one-time password, shown once, to be handed over. */
function showOneTimePassword(modal: ReturnType<typeof App.useApp>['modal'], t: (k: string, o?: Record<string, unknown>) => string, name: string, password: string): void {
  modal.info({
    title: t('admin.users.oneTime'),
    okText: t('action.submit'),
    content: (
      <Space orientation="vertical">
        <Typography.Text>{t('admin.users.oneTimeHint', { name })}</Typography.Text>
        <Typography.Text code copyable style={{ fontSize: 18 }} aria-label={t('admin.users.oneTime')}>
          {password}
        </Typography.Text>
      </Space>
    ),
  });
}
