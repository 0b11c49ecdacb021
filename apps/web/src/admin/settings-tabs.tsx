/** The administration's settings tabs (supervision policies, message templates, notification channels, outbox, smart dispatch), each shown when GET /me allows it. */
import type { TabsProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Me, Permission } from '@liandong/contracts';
import { ChannelSettings } from './ChannelSettings.tsx';
import { MessageLog } from './MessageLog.tsx';
import { PolicyEditor } from './PolicyEditor.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';
import { DispatchModelSettings } from '../smart-dispatch/DispatchModelSettings.tsx';

/** Each tab with the permission of the routes it calls to change or read (the server refuses anyone else). */
const TABS: readonly { key: string; permission: Permission; label: string; render: () => React.ReactNode }[] = [
  { key: 'policies', permission: 'supervision.policies', label: 'admin.settings.policies.tab', render: () => <PolicyEditor /> },
  { key: 'templates', permission: 'notifications.manage', label: 'admin.settings.templates.tab', render: () => <TemplateEditor /> },
  { key: 'channels', permission: 'notifications.manage', label: 'admin.settings.channels.tab', render: () => <ChannelSettings /> },
  { key: 'messages', permission: 'messages.log', label: 'admin.settings.messages.title', render: () => <MessageLog /> },
  { key: 'smart-dispatch', permission: 'dispatch.models', label: 'smartDispatch.admin.tab', render: () => <DispatchModelSettings /> },
];

export function settingsTabs(me: Me, t: TFunction): NonNullable<TabsProps['items']> {
  return TABS.filter((tab) => me.permissions.includes(tab.permission)).map((tab) => ({ key: tab.key, label: t(tab.label), children: tab.render() }));
}
