import type { NotificationAdapter } from '../notify.types.ts';
import { emailSmtpAdapter } from './email-smtp.ts';
import { dingtalkAdapter, wecomAdapter } from './robot-webhook.ts';
import { smsHttpAdapter } from './sms-http.ts';

export { emailSmtpAdapter, dingtalkAdapter, wecomAdapter, smsHttpAdapter };
export { dingtalkSignedUrl } from './robot-webhook.ts';

/** The adapters a deployment uses unless it brings its own (a vendor SDK, say). */
export function defaultAdapters(): NotificationAdapter[] {
  return [smsHttpAdapter, wecomAdapter, dingtalkAdapter, emailSmtpAdapter];
}
