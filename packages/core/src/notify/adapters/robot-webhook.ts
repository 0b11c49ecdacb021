/**
 * Group robots of WeCom (企业微信) and DingTalk (钉钉): POST {msgtype:'text', text:{content}} to the robot's
 * webhook. Both answer HTTP 200 even when they refuse, with {errcode, errmsg}: errcode 0 is success.
 * DingTalk robots with 加签 need a timestamp and an HMAC-SHA256 signature in the URL.
 */
import { createHmac } from 'node:crypto';
import type { ChannelCode, ChannelConfig, NotificationAdapter, OutgoingMessage } from '../notify.types.ts';
import { OutboundError, postJson } from '../outbound.ts';

export function dingtalkSignedUrl(webhookUrl: string, secret: string, timestamp = Date.now()): string {
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const u = new URL(webhookUrl);
  u.searchParams.set('timestamp', String(timestamp));
  u.searchParams.set('sign', sign);
  return u.toString();
}

function robotAdapter(channel: ChannelCode, name: string): NotificationAdapter {
  return {
    channel,
    async send(message: OutgoingMessage, config: ChannelConfig) {
      if (!config.webhookUrl) throw new Error(`${name} webhook 未配置 / ${name} webhook not configured`);
      const url = channel === 'dingtalk' && config.secret ? dingtalkSignedUrl(config.webhookUrl, config.secret) : config.webhookUrl;
      const r = await postJson(url, { msgtype: 'text', text: { content: `${message.subject}\n${message.body}` } });
      if (r.status < 200 || r.status >= 300) throw new OutboundError(`${name} 返回 HTTP ${r.status} / ${name} answered HTTP ${r.status}`);
      let answer: { errcode?: unknown; errmsg?: unknown };
      try {
        answer = JSON.parse(r.text) as typeof answer;
      } catch {
        throw new OutboundError(`${name} 应答不是 JSON / ${name} answer is not JSON`);
      }
      if (answer.errcode !== 0) {
        // The code only: a robot's errmsg is the far side's text.
        const code = typeof answer.errcode === 'number' ? answer.errcode : 'missing';
        throw new OutboundError(`${name} errcode ${code}`);
      }
    },
  };
}

export const wecomAdapter = robotAdapter('wecom', 'WeCom');
export const dingtalkAdapter = robotAdapter('dingtalk', 'DingTalk');
