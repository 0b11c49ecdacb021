/**
 * SMS through a configurable HTTP gateway (短信网关): POST {phone, content, sign?} as JSON to config.url with
 * config.headers (an API key, say). Any 2xx is accepted; anything else is a failure to retry. Operators put
 * a small bridge in front of their vendor's API (Aliyun, Tencent Cloud, a carrier's) when it wants another shape.
 */
import type { NotificationAdapter } from '../notify.types.ts';
import { OutboundError, postJson } from '../outbound.ts';

export const smsHttpAdapter: NotificationAdapter = {
  channel: 'sms',
  async send(message, config) {
    if (!config.url) throw new Error('短信网关未配置 / SMS gateway URL not configured');
    if (!message.address) throw new Error('无手机号 / no phone number');
    const payload = { phone: message.address, content: message.body, ...(config.sign ? { sign: config.sign } : {}) };
    const r = await postJson(config.url, payload, config.headers ?? {});
    if (r.status < 200 || r.status >= 300) throw new OutboundError(`短信网关返回 HTTP ${r.status} / SMS gateway answered HTTP ${r.status}`);
  },
};
