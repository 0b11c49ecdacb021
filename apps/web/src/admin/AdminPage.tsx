/** 系统管理: what an administrator does in the console — grids imported from files, the catalogue's conditions edited. */
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me, Permission } from '@liandong/contracts';
import { ConditionEditor } from './ConditionEditor.tsx';
import { GridImport } from './GridImport.tsx';
import { settingsTabs } from './settings-tabs.tsx';

/** Whether the administration page has anything for this user (GET /me: permissions). */
export const mayAdminister = (me: Me): boolean => ADMIN_PERMISSIONS.some((p) => me.permissions.includes(p));

const ADMIN_PERMISSIONS: readonly Permission[] = [
  'org.manage',
  'territory.manage',
  'catalogue.manage',
  'calendar.manage',
  'supervision.policies',
  'notifications.manage',
  'messages.log',
];

export function AdminPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const tabs = [
    ...(me.permissions.includes('territory.manage') ? [{ key: 'grids', label: t('admin.grids.title'), children: <GridImport /> }] : []),
    ...(me.permissions.includes('catalogue.manage') ? [{ key: 'catalogue', label: t('admin.catalogue.title'), children: <ConditionEditor /> }] : []),
    ...settingsTabs(me, t),
  ];
  return (
    <Card title={t('admin.title')} size="small">
      <Tabs items={tabs} />
    </Card>
  );
}
