/** Notification channels in the database: which are enabled and how to reach them. */
import type { Queryable } from '@liandong/db';
import type { ChannelView } from '@liandong/contracts';
import { iso } from '../shared/wire.ts';
import { notFound } from '../shared/errors.ts';
import { maskChannelConfig, restoreSecrets, validateChannelConfig } from './channels.rules.ts';
import { outboundAllowList } from './outbound.ts';
import { CHANNEL_CODES, type ChannelCode, type ChannelConfig } from './notify.types.ts';

export const CHANNEL = { zh: '通知渠道', en: 'Notification channel' };

export interface ChannelState {
  code: ChannelCode;
  enabled: boolean;
  config: ChannelConfig;
}

export type { ChannelView };

export function isChannelCode(code: string): code is ChannelCode {
  return (CHANNEL_CODES as readonly string[]).includes(code);
}

/** Every channel's state, unmasked: for the delivery worker. */
export async function loadChannels(q: Queryable): Promise<Map<ChannelCode, ChannelState>> {
  const r = await q.query<ChannelState>('select code, enabled, config from notification_channels');
  return new Map(r.rows.map((c) => [c.code, c]));
}

type ChannelRow = ChannelState & { updated_at: Date };
const view = (c: ChannelRow): ChannelView => ({ code: c.code, enabled: c.enabled, config: maskChannelConfig(c.config), updatedAt: iso(c.updated_at) });

/** Channels as an administrator sees them (secrets masked). */
export async function listChannelViews(q: Queryable): Promise<ChannelView[]> {
  const r = await q.query<ChannelRow>(
    `select code, enabled, config, updated_at from notification_channels
      order by array_position(array['inbox','sms','wecom','dingtalk','email'], code)`,
  );
  return r.rows.map(view);
}

export async function getChannelView(q: Queryable, code: string): Promise<ChannelView> {
  if (!isChannelCode(code)) throw notFound(CHANNEL);
  const r = await q.query<ChannelRow>('select code, enabled, config, updated_at from notification_channels where code = $1', [code]);
  if (!r.rows[0]) throw notFound(CHANNEL);
  return view(r.rows[0]);
}

export interface ChannelUpdate {
  enabled?: boolean;
  /** Replaces the config; secrets sent back masked (and a `pass` or `secret` left out) keep the stored ones. */
  config?: Record<string, unknown>;
}

export async function updateChannel(tx: Queryable, code: string, update: ChannelUpdate, by: number): Promise<ChannelView> {
  if (!isChannelCode(code)) throw notFound(CHANNEL);
  const r = await tx.query<ChannelRow>('select code, enabled, config from notification_channels where code = $1 for update', [code]);
  const current = r.rows[0];
  if (!current) throw notFound(CHANNEL);
  const enabled = update.enabled ?? current.enabled;
  const given = update.config ? restoreSecrets(update.config, current.config) : { ...current.config };
  const config = validateChannelConfig(code, given, enabled, outboundAllowList());
  const w = await tx.query<ChannelRow>(
    `update notification_channels set enabled = $2, config = $3::jsonb, updated_at = now(), updated_by = $4
      where code = $1 returning code, enabled, config, updated_at`,
    [code, enabled, JSON.stringify(config), by],
  );
  return view(w.rows[0]!);
}
