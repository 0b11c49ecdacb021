import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { maskChannelConfig, validateChannelConfig } from './channels.rules.ts';

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
});
