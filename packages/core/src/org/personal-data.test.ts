import { describe, expect, it } from 'vitest';
import { maskPersonalDataInText } from './personal-data.ts';

describe('personal data in free text, as the public reads it', () => {
  it('masks identity card numbers (18 digits, an X at the end, and the old 15), keeping the region and the last digits', () => {
    expect(maskPersonalDataInText('身份证号320584199001011234已核实')).toBe('身份证号320584********1234已核实');
    expect(maskPersonalDataInText('证件 32058419900101123X')).toBe('证件 320584********123X');
    expect(maskPersonalDataInText('老证 320584900101123')).toBe('老证 320584******123');
  });

  it('masks mobile and landline numbers and e-mail addresses', () => {
    expect(maskPersonalDataInText('请回电 13912345678 或 0512-63001234')).toBe('请回电 139****5678 或 0512-****1234');
    expect(maskPersonalDataInText('来信请发 zhang.san+wj@example.com.cn')).toBe('来信请发 z***@example.com.cn');
  });

  it('leaves order codes, tracking codes, dates, amounts and short numbers as they are', () => {
    for (const text of ['工单 LD202612060001 已办结', '查询码 Q7K3M9P2X4A', '2026年12月6日 14:30 处理完毕', '罚款 2000 元，共 3 处', '人民路 88 号']) {
      expect(maskPersonalDataInText(text)).toBe(text);
    }
  });
});
