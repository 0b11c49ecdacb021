import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { maskChannelConfig, restoreSecrets, SECRET_MASK, validateChannelConfig } from './channels.rules.ts';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.field;
    throw err;
  }
  return undefined;
}

describe('channel settings', () => {
  it('accepts a complete SMS gateway and keeps only its fields', () => {
    expect(validateChannelConfig('sms', { url: 'https://sms.example.cn/send', headers: { 'X-Api-Key': 'k' }, sign: '【吴江联动】' }, true)).toEqual({
      url: 'https://sms.example.cn/send',
      headers: { 'X-Api-Key': 'k' },
      sign: '【吴江联动】',
    });
  });

  it('names the field at fault', () => {
    expect(fieldOf(() => validateChannelConfig('sms', {}, true))).toBe('config.url');
    expect(fieldOf(() => validateChannelConfig('sms', { url: 'ftp://x' }, false))).toBe('config.url');
    expect(fieldOf(() => validateChannelConfig('sms', { url: 'http://x', token: 'y' }, true))).toBe('config.token');
    expect(fieldOf(() => validateChannelConfig('sms', { url: 'http://x', headers: { 'X-Key': 1 } }, true))).toBe('config.headers.X-Key');
    expect(fieldOf(() => validateChannelConfig('wecom', {}, true))).toBe('config.webhookUrl');
    expect(fieldOf(() => validateChannelConfig('email', { host: 'smtp.example.cn', port: 70000, from: 'a@b.cn' }, true))).toBe('config.port');
    expect(fieldOf(() => validateChannelConfig('email', { host: 'smtp.example.cn', port: 25 }, true))).toBe('config.from');
    expect(fieldOf(() => validateChannelConfig('inbox', {}, false))).toBe('enabled');
  });

  it('lets a disabled channel hold an incomplete config, and derives secure from the SMTPS port', () => {
    expect(validateChannelConfig('email', { host: 'smtp.example.cn' }, false)).toEqual({ host: 'smtp.example.cn' });
    expect(validateChannelConfig('email', { host: 'h', port: 465, from: 'a@b.cn' }, true).secure).toBe(true);
    expect(validateChannelConfig('email', { host: 'h', port: 587, from: 'a@b.cn' }, true).secure).toBe(false);
  });

  it('never shows the SMTP password back', () => {
    expect(maskChannelConfig({ host: 'h', pass: 'secret' }).pass).toBe('********');
    expect(maskChannelConfig({ host: 'h' })).toEqual({ host: 'h' });
  });

  it('never shows a secret back: the DingTalk secret, header values, the query values of an address', () => {
    expect(maskChannelConfig({ webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=t0ken', secret: 'SEC1' })).toEqual({
      webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${SECRET_MASK}`,
      secret: SECRET_MASK,
    });
    expect(maskChannelConfig({ url: 'https://sms.example.cn/send?account=wj&apikey=k', headers: { Authorization: 'Bearer t', Accept: 'application/json' } })).toEqual({
      url: `https://sms.example.cn/send?account=${SECRET_MASK}&apikey=${SECRET_MASK}`,
      headers: { Authorization: SECRET_MASK, Accept: 'application/json' },
    });
    expect(maskChannelConfig({ url: 'https://sms.example.cn/send' }).url).toBe('https://sms.example.cn/send');
  });

  it('keeps the stored secrets when the config comes back as it was read, and takes what was typed', () => {
    const stored = {
      url: 'https://sms.example.cn/send?account=wj&apikey=k',
      headers: { Authorization: 'Bearer t', 'X-Tenant': 'wj' },
      webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=t0ken',
      secret: 'SEC1',
      pass: 'p',
    };
    expect(restoreSecrets(maskChannelConfig(stored) as Record<string, unknown>, stored)).toEqual(stored);
    expect(restoreSecrets({}, stored)).toEqual({ secret: 'SEC1', pass: 'p' });
    expect(restoreSecrets({ secret: '', pass: 'new' }, stored)).toEqual({ secret: '', pass: 'new' });
    // A changed account keeps the masked key; a header typed anew replaces the old value; an unknown masked header stays masked.
    expect(restoreSecrets({ url: `https://sms.example.cn/send?account=wj2&apikey=${SECRET_MASK}`, headers: { authorization: 'Bearer u', 'X-New': SECRET_MASK } }, {}).headers).toEqual({
      authorization: 'Bearer u',
      'X-New': SECRET_MASK,
    });
    expect(restoreSecrets({ url: `https://sms.example.cn/send?account=wj2&apikey=${SECRET_MASK}` }, stored).url).toBe('https://sms.example.cn/send?account=wj2&apikey=k');
    // Another host or path never receives the stored key.
    expect(restoreSecrets({ webhookUrl: `https://evil.example.com/robot/send?access_token=${SECRET_MASK}` }, stored).webhookUrl).toBe(`https://evil.example.com/robot/send?access_token=${SECRET_MASK}`);
    expect(restoreSecrets({ webhookUrl: `https://oapi.dingtalk.com/other?access_token=${SECRET_MASK}` }, stored).webhookUrl).toContain(SECRET_MASK);
  });
});
