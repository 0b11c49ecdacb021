/**
 * 立案条件: a minor class's case-opening conditions with their limits, closing standard, urgency, level, responsible
 * units and use; add one, change one, or change its responsible units.
 */
import { useState } from 'react';
import { Button, Card, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { HANDLING_LEVEL_LABELS, TIME_UNIT_LABELS, UNIT_ROLE_LABELS, URGENCY_LABELS, type CategoryAdmin, type ConditionWithUnits, type Urgency } from '@liandong/contracts';
import { pick } from '../../i18n.ts';
import { call } from '../../shared/api.ts';
import { ConditionForm } from './ConditionForm.tsx';
import { UnitRulesForm } from './UnitRulesForm.tsx';

export function ConditionTable({ category }: { category: CategoryAdmin }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const conditions = useQuery({ queryKey: ['conditions', category.code], queryFn: () => call('catalogue.listConditions', { params: { code: category.code } }) });
  const [form, setForm] = useState<{ kind: 'condition' | 'units'; condition?: ConditionWithUnits } | null>(null);
  const limit = (value: number, unit: keyof typeof TIME_UNIT_LABELS) => `${value} ${pick(TIME_UNIT_LABELS[unit], lang)}`;
  const rule = (u: ConditionWithUnits['units'][number]) => {
    const who = u.componentOwner ? t('admin.catalogue.targets.owner') : u.territorial ? t('admin.catalogue.targets.territorial') : (u.unit?.name ?? '—');
    return `${pick(UNIT_ROLE_LABELS[u.role], lang)}：${who}${u.area ? `（${u.area.name ?? u.area.code}）` : ''}`;
  };
  return (
    <Card
      size="small"
      title={t('admin.catalogue.conditions')}
      extra={
        category.active && (
          <Button type="primary" size="small" onClick={() => setForm({ kind: 'condition' })}>
            {t('admin.catalogue.addCondition')}
          </Button>
        )
      }
    >
      <Table<ConditionWithUnits>
        size="small"
        rowKey="id"
        aria-label={t('admin.catalogue.conditions')}
        loading={conditions.isFetching}
        dataSource={conditions.data ?? []}
        pagination={false}
        scroll={{ x: 1180 }}
        locale={{ emptyText: t('admin.catalogue.noConditions') }}
        columns={[
          { title: t('admin.catalogue.code'), dataIndex: 'code', width: 110 },
          { title: t('admin.catalogue.description'), dataIndex: 'description', width: 220 },
          { title: t('admin.catalogue.response'), key: 'response', width: 100, render: (_, c) => limit(c.responseValue, c.responseUnit) },
          { title: t('admin.catalogue.handle'), key: 'handle', width: 100, render: (_, c) => limit(c.handleValue, c.handleUnit) },
          { title: t('admin.catalogue.closingStandard'), dataIndex: 'closingStandard', ellipsis: true },
          { title: t('admin.catalogue.urgency'), dataIndex: 'urgency', width: 80, render: (u: string) => (u in URGENCY_LABELS ? pick(URGENCY_LABELS[u as Urgency], lang) : u) },
          { title: t('admin.catalogue.handlingLevel'), dataIndex: 'handlingLevel', width: 100, render: (l: ConditionWithUnits['handlingLevel']) => pick(HANDLING_LEVEL_LABELS[l], lang) },
          { title: t('admin.catalogue.units'), key: 'units', width: 220, render: (_, c) => c.units.map((u, i) => <div key={i}>{rule(u)}</div>) },
          {
            title: t('admin.catalogue.state'),
            dataIndex: 'active',
            width: 80,
            render: (a: boolean) => (a ? <Tag color="green">{t('admin.catalogue.inUse')}</Tag> : <Tag>{t('admin.catalogue.notInUse')}</Tag>),
          },
          {
            title: t('admin.catalogue.actions'),
            key: 'actions',
            width: 200,
            fixed: 'right',
            render: (_, c) => (
              <Space size={0}>
                <Button size="small" type="link" aria-label={`${t('admin.catalogue.edit')} ${c.code}`} onClick={() => setForm({ kind: 'condition', condition: c })}>
                  {t('admin.catalogue.edit')}
                </Button>
                <Button size="small" type="link" aria-label={`${t('admin.catalogue.units')} ${c.code}`} onClick={() => setForm({ kind: 'units', condition: c })}>
                  {t('admin.catalogue.units')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {form?.kind === 'condition' && <ConditionForm categoryCode={category.code} condition={form.condition} onClose={() => setForm(null)} />}
      {form?.kind === 'units' && form.condition && <UnitRulesForm condition={form.condition} onClose={() => setForm(null)} />}
    </Card>
  );
}
