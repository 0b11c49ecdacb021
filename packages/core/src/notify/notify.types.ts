/** The words of the notification module (通知): channels, recipients, outbox rows and the adapter interface. */

import { LANGS, MESSAGE_CHANNELS, MESSAGE_STATUSES, type Lang, type MessageChannel, type MessageStatus } from '@liandong/contracts';

export const CHANNEL_CODES = MESSAGE_CHANNELS;
export type ChannelCode = MessageChannel;
export { MESSAGE_STATUSES, LANGS, type MessageStatus };
export type MessageLang = Lang;

/** Whom a message is for. A unit means its leader for SMS, and the whole unit for the inbox. */
export type Recipient =
  | { kind: 'unit'; unitId: number }
  | { kind: 'user'; userId: number }
  | { kind: 'phone'; phone: string }
  | { kind: 'email'; address: string }
  | { kind: 'webhook' };

/** Which recipient kinds each channel can reach. Robot webhooks post to one group whoever the recipient is. */
export const CHANNEL_RECIPIENTS: Record<ChannelCode, readonly Recipient['kind'][]> = {
  inbox: ['unit', 'user'],
  sms: ['unit', 'user', 'phone'],
  email: ['email'],
  wecom: ['webhook', 'unit', 'user'],
  dingtalk: ['webhook', 'unit', 'user'],
};

export interface SmsConfig {
  url: string;
  headers?: Record<string, string>;
  /** 短信签名, e.g. 【吴江联动】, passed to the gateway beside the content. */
  sign?: string;
}
export interface RobotConfig {
  webhookUrl: string;
  /** DingTalk 加签 secret; the request is signed when set. */
  secret?: string;
}
export interface EmailConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
}
export type ChannelConfig = Partial<SmsConfig & RobotConfig & EmailConfig>;

export interface OutboxRow {
  id: number;
  channel: ChannelCode;
  recipient: Recipient;
  template: string;
  lang: MessageLang;
  subject: string;
  body: string;
  order_id: number | null;
  status: MessageStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  address: string | null;
  created_at: Date;
  sent_at: Date | null;
  read_at: Date | null;
}

/** What an adapter sends: the rendered message and the address resolved for its channel (null for webhooks). */
export interface OutgoingMessage {
  id: number;
  channel: ChannelCode;
  recipient: Recipient;
  address: string | null;
  subject: string;
  body: string;
  lang: MessageLang;
  orderId: number | null;
}

/** One way out. send resolves when the channel accepted the message and throws when it did not. */
export interface NotificationAdapter {
  readonly channel: ChannelCode;
  send(message: OutgoingMessage, config: ChannelConfig): Promise<void>;
}
