/**
 * Strings of the administration's settings pages (supervision policies, message templates, notification channels,
 * the outbox), zh-CN and English.
 */
import type { Shape } from '../locales-shape.ts';

export const settingsZh = {
  title: '系统设置',
} as const;

export const settingsEn: Shape<typeof settingsZh> = {
  title: 'Settings',
};
