/** 系统管理: what an administrator does in the console — grids imported from files, the catalogue's conditions edited. */
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '@liandong/contracts';
import { ConditionEditor } from './ConditionEditor.tsx';
import { GridImport } from './GridImport.tsx';

/** Whether the administration page has anything for this user (GET /me: permissions). */
export const mayAdminister = (me: Me): boolean => me.permissions.includes('territory.manage') || me.permissions.includes('catalogue.manage');

export function AdminPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const tabs = [
    ...(me.permissions.includes('territory.manage') ? [{ key: 'grids', label: t('admin.grids.title'), children: <GridImport /> }] : []),
    ...(me.permissions.includes('catalogue.manage') ? [{ key: 'catalogue', label: t('admin.catalogue.title'), children: <ConditionEditor /> }] : []),
  ];
  return (
    <Card title={t('admin.title')} size="small">
      <Tabs items={tabs} />
    </Card>
  );
}
