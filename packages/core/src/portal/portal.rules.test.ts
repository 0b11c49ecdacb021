import { describe, expect, it } from 'vitest';
import { isTrackingCode, newTrackingCode, publicSteps, publicText, roundedPoint, willCallBack, type TimelineFact } from './portal.rules.ts';

const fact = (action: string, extra: Partial<TimelineFact> = {}): TimelineFact => ({ at: '2026-03-04T02:00:00.000Z', action, note: null, data: {}, actorUnit: '区指挥中心', targetUnit: null, ...extra });

describe('the portal rules', () => {
  it('draws tracking codes of Q and ten symbols of the alphabet, each bit from the random source', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newTrackingCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(isTrackingCode(c)).toBe(true);
    expect(newTrackingCode(() => new Uint8Array(10).fill(255))).toBe('QZZZZZZZZZZ');
    expect(newTrackingCode(() => new Uint8Array(10))).toBe('Q0000000000');
  });

  it('shows public steps only, with units and public replies, phone numbers masked', () => {
    const steps = publicSteps(
      [
        fact('create', { note: '我的电话13912345678' }),
        fact('accept'),
        fact('dispatch', { targetUnit: '城管局', note: '内部说明' }),
        fact('supervise', { note: '督办' }),
        fact('request-extension', { note: '理由' }),
        fact('return', { note: '不归我管' }),
        fact('feedback', { actorUnit: '城管局', note: '已处理，电话13600001234' }),
        fact('check', { data: { passed: false } }),
      ],
      'zh',
    );
    expect(steps).toEqual([
      { at: '2026-03-04T02:00:00.000Z', label: '已提交', unit: null, reply: null },
      { at: '2026-03-04T02:00:00.000Z', label: '已受理', unit: '区指挥中心', reply: null },
      { at: '2026-03-04T02:00:00.000Z', label: '已派遣至责任单位', unit: '城管局', reply: null },
      { at: '2026-03-04T02:00:00.000Z', label: '处置完毕', unit: '城管局', reply: '已处理，电话136****1234' },
      { at: '2026-03-04T02:00:00.000Z', label: '核查未通过，重新处置', unit: null, reply: null },
    ]);
  });

  it('cuts and masks texts, rounds points, and knows when a new reporter is still called back', () => {
    expect(publicText('电话13912345678'.padEnd(100, '啊'), 80)).toHaveLength(80);
    expect(publicText('电话13912345678')).toBe('电话139****5678');
    expect(roundedPoint(120.643219, 31.161987)).toEqual({ lng: 120.6432, lat: 31.162 });
    expect(willCallBack('handling', '13912345678')).toBe(true);
    expect(willCallBack('handling', undefined)).toBe(false);
    expect(willCallBack('pending_callback', '13912345678')).toBe(false);
  });
});
