/**
 * 组织机构: the unit tree on the left (searchable), the chosen unit on the right with its leader and accounts;
 * add a unit (at the top or below the chosen one), change it, disable or enable it. The server refuses to disable
 * a unit still at work and says why.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Tag, Tree } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UNIT_KIND_LABELS, UNIT_LEVEL_LABELS, type UnitAdmin } from '@liandong/contracts';
import { pick } from '../../i18n.ts';
import { ApiFailure, call } from '../../shared/api.ts';
import { UnitForm } from './UnitForm.tsx';
import { unitTree, type UnitNode } from './unit-tree.ts';

export function OrgPage() {
  const { t, i18n } = useTranslation();
  const units = useQuery({ queryKey: ['admin-units'], queryFn: () => call('org.listUnits') });
  const [selected, setSelected] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [form, setForm] = useState<{ unit?: UnitAdmin; parentId?: number | null } | null>(null);
  const tree = useMemo(() => unitTree(units.data ?? [], { disabledLabel: t('admin.org.disabled') }), [units.data, t]);
  const unit = units.data?.find((u) => u.id === selected);
  const matches = (n: UnitNode): boolean => !search || n.title.includes(search) || n.unit.code.toLowerCase().includes(search.toLowerCase()) || n.children.some(matches);
  const filter = (nodes: UnitNode[]): UnitNode[] => nodes.filter(matches).map((n) => ({ ...n, children: filter(n.children) }));
  const shown = filter(tree);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={9} xl={8}>
        <Card
          size="small"
          title={t('admin.org.tree')}
          extra={
            <Button type="primary" size="small" onClick={() => setForm({ parentId: null })}>
              {t('admin.org.add')}
            </Button>
          }
        >
          <Input.Search allowClear aria-label={t('admin.org.search')} placeholder={t('admin.org.search')} onChange={(e) => setSearch(e.target.value.trim())} style={{ marginBottom: 8 }} />
          <div style={{ maxHeight: 560, overflow: 'auto' }}>
            <Tree
              aria-label={t('admin.org.tree')}
              showLine
              blockNode
              treeData={shown as never}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected((keys[0] as number | undefined) ?? null)}
              defaultExpandedKeys={tree.map((n) => n.key)}
              {...(search ? { expandedKeys: flatKeys(shown) } : {})}
            />
          </div>
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16}>
        {unit ? <UnitDetails unit={unit} units={units.data ?? []} onEdit={() => setForm({ unit })} onAddChild={() => setForm({ parentId: unit.id })} lang={i18n.language} /> : <Card size="small"><Empty description={t('admin.org.choose')} /></Card>}
      </Col>
      {form && (
        <UnitForm
          units={units.data ?? []}
          {...form}
          onClose={(saved) => {
            setForm(null);
            if (saved) setSelected(saved.id);
          }}
        />
      )}
    </Row>
  );
}

const flatKeys = (nodes: UnitNode[]): number[] => nodes.flatMap((n) => [n.key, ...flatKeys(n.children)]);

function UnitDetails({ unit, units, onEdit, onAddChild, lang }: { unit: UnitAdmin; units: UnitAdmin[]; onEdit: () => void; onAddChild: () => void; lang: string }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: (active: boolean) => call('org.updateUnit', { params: { id: unit.id }, body: { active } }),
    onSuccess: async () => {
      setError(null);
      await qc.invalidateQueries({ queryKey: ['admin-units'] });
    },
    onError: (e) => setError(e instanceof ApiFailure ? e.message : t('error.unknown')),
  });
  const parent = units.find((u) => u.id === unit.parentId);
  const disable = () => modal.confirm({ title: t('admin.org.confirmDisable', { name: unit.name }), okText: t('action.submit'), cancelText: t('action.cancel'), onOk: () => toggle.mutateAsync(false).catch(() => undefined) });
  return (
    <Card
      size="small"
      title={`${t('admin.org.details')} · ${unit.name}`}
      extra={
        <Space>
          <Button size="small" onClick={onEdit}>{t('admin.org.edit')}</Button>
          {unit.active && <Button size="small" onClick={onAddChild}>{t('admin.org.addChild')}</Button>}
          {unit.active ? (
            <Button size="small" danger loading={toggle.isPending} onClick={disable}>{t('admin.org.disable')}</Button>
          ) : (
            <Button size="small" loading={toggle.isPending} onClick={() => toggle.mutate(true)}>{t('admin.org.enable')}</Button>
          )}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Descriptions size="small" column={{ xs: 1, xl: 2 }} bordered>
        <Descriptions.Item label={t('admin.org.code')}>{unit.code}</Descriptions.Item>
        <Descriptions.Item label={t('admin.org.name')}>{unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('admin.org.kind')}>{pick(UNIT_KIND_LABELS[unit.kind], lang)}</Descriptions.Item>
        <Descriptions.Item label={t('admin.org.level')}>{pick(UNIT_LEVEL_LABELS[unit.level], lang)}</Descriptions.Item>
        <Descriptions.Item label={t('admin.org.parent')}>{parent?.name ?? t('admin.org.noParent')}</Descriptions.Item>
        <Descriptions.Item label={t('admin.org.division')}>{unit.divisionCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('admin.org.leaderName')}>{unit.leaderName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('admin.org.leaderPhone')}>{unit.leaderPhone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('admin.org.enforcement')}>{unit.enforcement ? '✓' : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('admin.org.users')}>{unit.users}</Descriptions.Item>
        <Descriptions.Item label={t('admin.org.active')}>{unit.active ? <Tag color="green">{t('admin.org.enabled')}</Tag> : <Tag>{t('admin.org.disabled')}</Tag>}</Descriptions.Item>
        {unit.nameEn && <Descriptions.Item label={t('admin.org.nameEn')}>{unit.nameEn}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}
