import { describe, expect, it } from 'vitest';
import { checkTemplateText, placeholdersOf, renderText, TEMPLATE_PLACEHOLDERS } from './templates.rules.ts';

describe('message templates', () => {
  it('fills {{placeholders}}, with spaces inside the braces and numbers as values', () => {
    const text = '{{unitName}}：工单{{ orderCode }}的{{step}}环节将于{{dueAt}}到期，已催办{{n}}次。';
    expect(renderText(text, { unitName: '吴江区水务局', orderCode: 'LD20261121000123', step: '签收', dueAt: '11月21日 16:30', n: 2 })).toBe(
      '吴江区水务局：工单LD20261121000123的签收环节将于11月21日 16:30到期，已催办2次。',
    );
  });

  it('renders a missing or null value empty, never leaving braces in an SMS, and ignores inherited names', () => {
    expect(renderText('A{{x}}B{{y}}C{{constructor}}', { x: null })).toBe('ABC');
  });

  it('leaves text without placeholders and single braces alone', () => {
    expect(renderText('费用 {100} 元 { x }', { x: 'no' })).toBe('费用 {100} 元 { x }');
  });

  it('lists the placeholders a text uses once each', () => {
    expect(placeholdersOf('{{a}} {{ b }} {{a}}')).toEqual(['a', 'b']);
  });

  it('accepts a text using known placeholders, rejects unknown ones, malformed braces and empty text', () => {
    expect(checkTemplateText('callback.request', '请点击 {{link}} 评价工单{{orderCode}}')).toBeNull();
    expect(checkTemplateText('callback.request', '{{unitName}} 请评价')).toEqual({ kind: 'unknown_placeholder', name: 'unitName' });
    expect(checkTemplateText('callback.request', '请点击 {{link} 评价')).toMatchObject({ kind: 'malformed' });
    expect(checkTemplateText('callback.request', '请点击 link}} 评价')).toMatchObject({ kind: 'malformed' });
    expect(checkTemplateText('callback.request', '{{ 链接 }}')).toMatchObject({ kind: 'malformed' });
    expect(checkTemplateText('callback.request', '  ')).toEqual({ kind: 'empty' });
  });

  it('knows the placeholders of every supervision level and order notice', () => {
    expect(Object.keys(TEMPLATE_PLACEHOLDERS).sort()).toEqual([
      'callback.request',
      'citizen.accepted',
      'citizen.answered',
      'citizen.closed',
      'citizen.merged',
      'citizen.rejected',
      'citizen.sign_in_code',
      'order.dispatched',
      'order.escalated',
      'order.reopened',
      'order.request',
      'order.verify',
      'supervision.assigned',
      'supervision.instruction',
      'supervision.onsite',
      'supervision.reminder',
      'supervision.sms',
      'supervision.special_report',
      'warning.raised',
    ]);
  });
});
