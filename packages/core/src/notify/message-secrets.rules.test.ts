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
