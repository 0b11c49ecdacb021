import { describe, expect, it } from 'vitest';
import { chooseCondition, describeOptions, impliedCondition, type ConditionOption } from './condition-choice.rules.ts';

// The demo catalogue's two conditions of 供水井盖异常 (01001), as built by demo-facilities.ts.
const cover: ConditionOption[] = [
  { id: 1, code: '01001-01', description: '供水井盖缺失、破损或移位，存在安全隐患', urgency: 'urgent' },
  { id: 2, code: '01001-02', description: '供水井盖松动、异响或与路面高差超标', urgency: 'normal' },
];

describe('the condition an order falls under', () => {
  it('is the one its words imply', () => {
    expect(impliedCondition(cover, '学校门口井盖松动，车辆经过哐哐响')?.code).toBe('01001-02');
    expect(impliedCondition(cover, '人行道上井盖缺失，一个大洞')?.code).toBe('01001-01');
    expect(impliedCondition(cover, '路面高差超标，井盖异响')?.code).toBe('01001-02');
  });

  it('is nobody’s guess when the words imply none, or two alike', () => {
    expect(impliedCondition(cover, '井盖有问题')).toBeNull();
    expect(impliedCondition(cover, '井盖破损而且松动')).toBeNull(); // one term each
  });

  it('is named, the only one, implied, or left to the dispatcher', () => {
    expect(chooseCondition(cover, '01001-01', '井盖松动')).toMatchObject({ kind: 'chosen', how: 'named', condition: { id: 1 } });
    expect(chooseCondition(cover, '09999-01', '井盖松动')).toEqual({ kind: 'unknown-code' });
    expect(chooseCondition([cover[1]!], undefined, '')).toMatchObject({ kind: 'chosen', how: 'only', condition: { id: 2 } });
    expect(chooseCondition(cover, undefined, '井盖松动')).toMatchObject({ kind: 'chosen', how: 'text', condition: { id: 2 } });
    expect(chooseCondition(cover, undefined, '井盖有问题')).toEqual({ kind: 'ambiguous', options: cover });
    expect(chooseCondition([], undefined, '井盖有问题')).toEqual({ kind: 'none' });
  });

  it('lists the choices as a dispatcher reads them', () => {
    expect(describeOptions(cover)).toBe('01001-01 供水井盖缺失、破损或移位，存在安全隐患（紧急）；01001-02 供水井盖松动、异响或与路面高差超标');
  });
});
