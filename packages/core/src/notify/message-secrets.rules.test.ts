import { describe, expect, it } from 'vitest';
import { maskSecrets } from './message-secrets.rules.ts';

describe('secrets in message bodies', () => {
  it('masks the token of a callback link and leaves the rest', () => {
    const body = '请评价：http://h:8080/api/v1/public/callbacks/cb_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde 回复有效期7天';
    expect(maskSecrets(body)).toBe('请评价：http://h:8080/api/v1/public/callbacks/cb_AbCd**** 回复有效期7天');
    expect(maskSecrets(maskSecrets(body))).toBe(maskSecrets(body));
    expect(maskSecrets('工单LD20260304000001处置环节已超时')).toBe('工单LD20260304000001处置环节已超时');
    // The link as the SMS carries it now: the portal's rating page.
    expect(maskSecrets('请评价：http://h:8080/portal/rate/cb_AbCdEfGhIjKlMnOpQrStUvWxYz0123 回复')).toBe('请评价：http://h:8080/portal/rate/cb_AbCd**** 回复');
  });
});

describe('a sign-in code in a message body', () => {
  const body = '验证码048213，用于登录随手拍查看本人反映的问题，5分钟内有效。工单LD20260304000001 热线12345';
  const code = { template: 'citizen.sign_in_code' };

  it('is shown while no gateway will send it (stored: the administrator passes it on), masked otherwise', () => {
    expect(maskSecrets(body, { ...code, status: 'stored' })).toBe(body);
    for (const status of ['pending', 'sent', 'failed', undefined]) {
      expect(maskSecrets(body, { ...code, status })).toBe('验证码******，用于登录随手拍查看本人反映的问题，5分钟内有效。工单LD20260304000001 热线12345');
    }
  });

  it('other templates keep their digits', () => {
    expect(maskSecrets('您的工单 123456 已受理', { template: 'citizen.accepted', status: 'sent' })).toBe('您的工单 123456 已受理');
  });
});
