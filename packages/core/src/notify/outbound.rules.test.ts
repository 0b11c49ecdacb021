import { describe, expect, it } from 'vitest';
import { canonicalHost, isAllowedHeader, isForbiddenAddress, parseAllowList, refusalOf } from './outbound.rules.ts';

describe('outbound targets', () => {
  it('refuses loopback, private, link-local and odd spellings of them', () => {
    for (const host of ['127.0.0.1', '2130706433', '0x7f000001', '0177.0.0.1', '127.1', '0', '10.1.2.3', '172.16.0.9', '192.168.1.1', '100.64.0.1', '169.254.169.254', '[::1]', '::1', '[::ffff:127.0.0.1]', '[::ffff:a9fe:a9fe]', '[fe80::1]', '[fc00::1]', '[::]', 'localhost', 'api.localhost', '224.0.0.1']) {
      expect({ host, refusal: refusalOf(host, 80, []) }).not.toEqual({ host, refusal: null });
    }
  });

  it('lets public addresses and names through (names are judged again after DNS)', () => {
    for (const host of ['8.8.8.8', '114.114.114.114', 'sms.example.cn', '[2400:3200::1]']) expect(refusalOf(host, 443, [])).toBeNull();
  });

  it('an administrator may allow a host, or a host and port, explicitly', () => {
    const allow = parseAllowList('127.0.0.1:8080, [::1], smtp.internal');
    expect(allow).toEqual([{ host: '127.0.0.1', port: 8080 }, { host: '::1' }, { host: 'smtp.internal' }]);
    expect(refusalOf('127.0.0.1', 8080, allow)).toBeNull();
    expect(refusalOf('127.0.0.1', 8081, allow)).not.toBeNull();
    expect(refusalOf('[::1]', 25, allow)).toBeNull();
    expect(() => parseAllowList('http://x/')).toThrow(/LIANDONG_OUTBOUND_ALLOW/);
  });

  it('canonicalises hosts as the URL parser does', () => {
    expect(canonicalHost('0x7f000001')).toBe('127.0.0.1');
    expect(canonicalHost('[::ffff:127.0.0.1]')).toBe('::ffff:7f00:1');
    expect(canonicalHost('Example.CN')).toBe('example.cn');
    expect(isForbiddenAddress('not-an-ip')).toBe(true);
  });

  it('allows only credential and X- headers', () => {
    expect(['Authorization', 'X-Api-Key', 'Accept'].map(isAllowedHeader)).toEqual([true, true, true]);
    expect(['Host', 'Cookie', 'Content-Length', 'Transfer-Encoding', 'Connection', 'X-Forwarded-For', 'X-Real-IP'].map(isAllowedHeader)).toEqual([false, false, false, false, false, false, false]);
  });
});
