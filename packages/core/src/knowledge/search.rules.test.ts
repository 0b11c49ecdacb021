/** The pure parts of knowledge search: a query's plan with synonyms, highlighting that escapes, ranking and freshness. */
import { describe, expect, it } from 'vitest';
import { freshness, highlight, needlesIn, planQuery, rank, snippet } from './search.rules.ts';

describe('knowledge search rules', () => {
  it('plans a query as words, character pairs and synonyms, and reads Latin letters as pinyin initials', () => {
    const p = planQuery('社保卡怎么补办', [{ word: '社保', synonym: '社会保险' }]);
    expect(p.terms.get('w:社保卡')).toBe(1);
    expect(p.terms.get('w:社会保险')).toBeLessThan(1);
    expect(p.terms.has('g:卡怎')).toBe(true);
    expect(p.synonymsUsed).toEqual(['社会保险']);
    // jieba cuts 路灯不亮 as 路 / 灯不亮: the synonym is found in the text itself, the pairs still hold 路灯
    const lamp = planQuery('路灯不亮', [{ word: '路灯', synonym: '照明' }]);
    expect(lamp.synonymsUsed).toEqual(['照明']);
    expect(lamp.terms.has('g:路灯')).toBe(true);
    expect(p.initials).toBeNull();
    expect(planQuery('SBK', []).initials).toBe('sbk');
  });

  it('marks matched words, escaping everything else', () => {
    expect(highlight('<b>社保卡</b>补办', ['社保卡'])).toBe('&lt;b&gt;<mark>社保卡</mark>&lt;/b&gt;补办');
    expect(highlight('社保卡补办', ['社保', '保卡'])).toBe('<mark>社保卡</mark>补办');
    const p = planQuery('住房公积经', []);
    expect(needlesIn('住房公积金提取', p)).toContain('住房');
    expect(snippet('甲'.repeat(200) + '公积金提取', ['公积金'], 40)).toMatch(/^…甲+<mark>公积金<\/mark>提取$/);
  });

  it('ranks by relevance, a title match above a body match, and adds freshness', () => {
    const p = planQuery('社保卡', []);
    const now = new Date('2026-06-01T00:00:00Z');
    const lengths = { title: 5, keywords: 2, body: 50 };
    const ranked = rank(
      p,
      [
        { articleId: 1, lengths, publishedAt: now, initialsMatch: null },
        { articleId: 2, lengths, publishedAt: now, initialsMatch: null },
      ],
      [
        { articleId: 1, term: 'w:社保卡', field: 'body', tf: 1 },
        { articleId: 2, term: 'w:社保卡', field: 'title', tf: 1 },
      ],
      { n: 10, df: new Map([['w:社保卡', 2]]), avgLength: lengths },
      now,
    );
    expect(ranked.map((r) => r.articleId)).toEqual([2, 1]);
    expect(freshness(now, now)).toBeCloseTo(1.25);
    expect(freshness(new Date('2025-06-01T00:00:00Z'), now)).toBeCloseTo(1.125, 2);
  });
});
