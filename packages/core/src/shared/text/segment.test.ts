import { describe, expect, it } from 'vitest';
import { charGrams, searchWords, words } from './segment.ts';

describe('word segmentation', () => {
  it('cuts a citizen sentence into words without punctuation or function characters', () => {
    expect(words('吴江区松陵街道人行道井盖破损塌陷，行人容易绊倒了')).toEqual(['吴江', '区', '松陵', '街道', '人行道', '井盖', '破损', '塌陷', '行人', '容易', '绊倒']);
  });
  it('in search mode also gives the words inside longer ones', () => {
    const w = searchWords('社保卡补办需要什么材料？');
    expect(w).toContain('社保');
    expect(w).toContain('社保卡');
    expect(w).not.toContain('？');
  });
  it('character pairs ignore punctuation and spaces, and lower Latin letters', () => {
    expect(charGrams('井盖 破损！')).toEqual(['井盖', '盖破', '破损']);
    expect(charGrams('A')).toEqual(['a']);
    expect(charGrams('，')).toEqual([]);
  });
});
