/**
 * 系统管理: what an administrator does in the console — the unit tree and the accounts, grids (attributes, map,
 * files), the catalogue (categories, conditions, their units, CSV import/export), the working calendar, the devices
 * and event types of 天网, the big screens' tokens (大屏令牌), and the settings tabs (policies,
 * templates, channels, outbox, smart dispatch: its models and 自动派遣). Each tab shows only when GET /me's permissions allow it.
 */
import { Card, Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me, Permission } from '@liandong/contracts';
import { CalendarPage } from './calendar/CalendarPage.tsx';
import { CatalogueFile } from './catalogue/CatalogueFile.tsx';
import { DevicesPage } from './devices/DevicesPage.tsx';
import { EventTypesPage } from './devices/EventTypesPage.tsx';
import { CataloguePage } from './catalogue/CataloguePage.tsx';
import { GridImport } from './GridImport.tsx';
import { GridManager } from './GridManager.tsx';
import { OrgPage } from './org/OrgPage.tsx';
import { PhraseEditor } from './PhraseEditor.tsx';
import { ScreenTokensPage } from './screens/ScreenTokensPage.tsx';
import { settingsTabs } from './settings-tabs.tsx';
import { UsersPage } from './users/UsersPage.tsx';

/** Whether the administration page has anything for this user (GET /me: permissions). */
export const mayAdminister = (me: Me): boolean => ADMIN_PERMISSIONS.some((p) => me.permissions.includes(p));

const ADMIN_PERMISSIONS: readonly Permission[] = [
  'org.manage',
  'territory.manage',
  'catalogue.manage',
  'calendar.manage',
  'devices.manage',
  'tokens.manage',
  'supervision.policies',
  'notifications.manage',
  'messages.log',
  'warnings.rules',
  'dispatch.models',
];

export function AdminPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const may = (p: Permission) => me.permissions.includes(p);
  const tabs = [
    ...(may('org.manage')
      ? [
          { key: 'org', label: t('admin.org.title'), children: <OrgPage /> },
          { key: 'users', label: t('admin.users.title'), children: <UsersPage /> },
        ]
      : []),
    ...(may('territory.manage')
      ? [
          { key: 'grid-list', label: t('admin.gridEdit.title'), children: <GridManager /> },
          { key: 'grids', label: t('admin.grids.title'), children: <GridImport /> },
        ]
      : []),
    ...(may('catalogue.manage')
      ? [
          {
            key: 'catalogue',
            label: t('admin.catalogue.title'),
            children: (
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <CataloguePage />
                <CatalogueFile />
                <PhraseEditor />
              </Space>
            ),
          },
        ]
      : []),
    ...(may('calendar.manage') ? [{ key: 'calendar', label: t('admin.calendar.title'), children: <CalendarPage editable /> }] : []),
    ...(may('devices.manage')
      ? [
          { key: 'devices', label: t('admin.devices.title'), children: <DevicesPage /> },
          { key: 'event-types', label: t('admin.eventTypes.title'), children: <EventTypesPage /> },
        ]
      : []),
    ...(may('tokens.manage') ? [{ key: 'screens', label: t('admin.screens.title'), children: <ScreenTokensPage /> }] : []),
    ...settingsTabs(me, t),
  ];
  return (
    <Card title={t('admin.title')} size="small">
      {/* Fourteen tabs: a narrower gutter and short tab names keep them on one line at 1366 px, in English too. */}
      <Tabs items={tabs} destroyOnHidden tabBarGutter={20} />
    </Card>
  );
}
