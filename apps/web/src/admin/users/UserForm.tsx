/**
 * 新增/修改用户: name, username (when added), phone, unit, roles, grid-worker kind, and the data scope — units (with
 * everything below them) and areas (divisions, or grids found by name). Refusals appear next to their field.
 */
import { useMemo, useState } from 'react';
import { Alert, Drawer, Button, Form, Input, Select, Space, TreeSelect } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS, ROLES, type UnitAdmin, type UserAdmin } from '@liandong/contracts';
import { pick } from '../../i18n.ts';
import { call } from '../../shared/api.ts';
import { showFormError } from '../../shared/form-errors.ts';
import { unitTree } from '../org/unit-tree.ts';

const FIELDS = ['username', 'displayName', 'phone', 'unitId', 'roles', 'scopeUnitIds', 'scopeAreaCodes', 'gridWorkerKind'] as const;

interface Props {
  user?: UserAdmin;
  units: UnitAdmin[];
  onClose: (created?: { user: UserAdmin; temporaryPassword: string }) => void;
}

export function UserForm({ user, units, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [gridSearch, setGridSearch] = useState('');
  const tree = useMemo(() => unitTree(units, { onlyActive: true }), [units]);
  const divisions = useQuery({ queryKey: ['divisions'], queryFn: () => call('territory.listDivisions'), staleTime: 600_000 });
  const grids = useQuery({
    queryKey: ['grid-search', gridSearch],
    queryFn: () => call('territory.listGrids', { query: { search: gridSearch, limit: 20 } }),
    enabled: gridSearch.length >= 2,
  });
  const areaOptions = useMemo(() => {
    const known = new Map<string, string>();
    for (const d of divisions.data ?? []) if (d.level !== 'province' && d.level !== 'city') known.set(d.code, d.name);
    for (const g of grids.data ?? []) known.set(g.code, `${g.name}（${g.code}）`);
    for (const a of user?.scope.areas ?? []) if (!known.has(a.code)) known.set(a.code, a.name ?? a.code);
    return [...known].map(([value, label]) => ({ value, label }));
  }, [divisions.data, grids.data, user]);
  const save = useMutation({
    mutationFn: async (v: Record<string, unknown>) => {
      const text = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : null);
      const body = {
        displayName: v.displayName,
        phone: text(v.phone),
        unitId: v.unitId ?? null,
        roles: v.roles,
        scopeUnitIds: v.scopeUnitIds ?? [],
        scopeAreaCodes: v.scopeAreaCodes ?? [],
        gridWorkerKind: v.gridWorkerKind ?? null,
      };
      if (user) {
        await call('org.updateUser', { params: { id: user.id }, body: body as never });
        return undefined;
      }
      // A new account without scope units works for its own unit (the server's default).
      const { scopeUnitIds, ...rest } = body;
      const scope = (scopeUnitIds as number[]).length ? { scopeUnitIds } : {};
      return call('org.createUser', { body: { ...rest, ...scope, username: v.username } as never });
    },
    onSuccess: async (created) => {
      await qc.invalidateQueries({ queryKey: ['admin-users'] });
      onClose(created);
    },
    onError: (e) => showFormError(form, e, FIELDS, setError),
  });
  const required = (label: string) => [{ required: true, message: t('action.required', { field: label }) }];
  const initial = user
    ? { ...user, unitId: user.unit?.id, scopeUnitIds: user.scope.units.map((u) => u.id), scopeAreaCodes: user.scope.areas.map((a) => a.code) }
    : { roles: [], scopeUnitIds: [], scopeAreaCodes: [] };
  const roles = Form.useWatch('roles', form) as string[] | undefined;
  return (
    <Drawer
      open
      size={560}
      maskClosable={false}
      title={user ? `${t('admin.users.edit')} · ${user.displayName}` : t('admin.users.add')}
      onClose={() => onClose()}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={() => onClose()}>{t('action.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('action.submit')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="user" layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item label={t('admin.users.username')} name="username" rules={user ? [] : required(t('admin.users.username'))}>
          <Input disabled={Boolean(user)} maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('admin.users.displayName')} name="displayName" rules={required(t('admin.users.displayName'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('admin.users.phone')} name="phone">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item label={t('admin.users.unit')} name="unitId">
          <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={tree as never} />
        </Form.Item>
        <Form.Item label={t('admin.users.roles')} name="roles" rules={required(t('admin.users.roles'))}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r], i18n.language) }))} />
        </Form.Item>
        {roles?.includes('grid_worker') && (
          <Form.Item label={t('admin.users.gridWorkerKind')} name="gridWorkerKind">
            <Select allowClear options={[{ value: 'full_time', label: t('admin.users.fullTime') }, { value: 'part_time', label: t('admin.users.partTime') }]} />
          </Form.Item>
        )}
        <Form.Item label={t('admin.users.scopeUnits')} name="scopeUnitIds" extra={t('admin.users.scopeHint')}>
          <TreeSelect multiple allowClear showSearch treeNodeFilterProp="title" treeData={tree as never} />
        </Form.Item>
        <Form.Item label={t('admin.users.scopeAreas')} name="scopeAreaCodes">
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label', onSearch: (q) => setGridSearch(q.trim()) }} options={areaOptions} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
