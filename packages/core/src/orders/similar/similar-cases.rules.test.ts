import { describe, expect, it } from 'vitest';
import { boxAround } from '../../territory/distance.rules.ts';
import { distanceM, isSimilar, similarityScore, SIMILAR_TEXT, textSimilarity, type CandidateFacts } from './similar-cases.rules.ts';

const asked = { radiusM: 500, days: 30, category: true, text: true };

describe('similar cases rules', () => {
  it('distance: 0.001° of latitude is about 111 m; the box holds the circle', () => {
    expect(distanceM({ lng: 120.6, lat: 31.1 }, { lng: 120.6, lat: 31.101 })).toBeCloseTo(111.2, 0);
    const b = boxAround(120.6, 31.1, 500);
    expect(distanceM({ lng: 120.6, lat: 31.1 }, { lng: b.maxLng, lat: 31.1 })).toBeCloseTo(500, 0);
    expect(distanceM({ lng: 120.6, lat: 31.1 }, { lng: 120.6, lat: b.minLat })).toBeCloseTo(500, 0);
  });

  it('text: the same matter in other words is similar; a shared place word alone is not', () => {
    const a = '小区门口的井盖破损，有人差点摔倒';
    expect(textSimilarity(a, '井盖破了，在小区门口')).toBeGreaterThan(0.4);
    expect(textSimilarity(a, '井盖')).toBeGreaterThan(SIMILAR_TEXT);
    expect(textSimilarity(a, '临街商铺擅自悬挂大型条幅，影响市容')).toBe(0);
    expect(textSimilarity('小区门口停车难，晚上车位不够', '临街商铺门口堆放杂物')).toBeLessThan(SIMILAR_TEXT);
    expect(textSimilarity('', a)).toBe(0);
    expect(textSimilarity('ABC 123', 'abc123')).toBe(1);
  });

  it('a candidate must be in the circle and the period, and share the category or the words when they were given', () => {
    const near = { distanceM: 100, ageHours: 5, sameCategory: false, textSimilarity: 0 };
    expect(isSimilar(near, asked)).toBe(false);
    expect(isSimilar({ ...near, sameCategory: true }, asked)).toBe(true);
    expect(isSimilar({ ...near, textSimilarity: 0.3 }, asked)).toBe(true);
    expect(isSimilar(near, { ...asked, category: false, text: false })).toBe(true);
    expect(isSimilar({ ...near, sameCategory: true, distanceM: 501 }, asked)).toBe(false);
    expect(isSimilar({ ...near, sameCategory: true, ageHours: 30 * 24 + 1 }, asked)).toBe(false);
  });

  it('ranking: nearer, more similar, same category and newer rank higher', () => {
    const base = { distanceM: 250, ageHours: 100, sameCategory: false, textSimilarity: 0.3 };
    const s = (c: Partial<CandidateFacts>) => similarityScore({ ...base, ...c }, asked);
    expect(s({ distanceM: 10 })).toBeGreaterThan(s({}));
    expect(s({ textSimilarity: 0.8 })).toBeGreaterThan(s({}));
    expect(s({ sameCategory: true })).toBeGreaterThan(s({}));
    expect(s({ ageHours: 1 })).toBeGreaterThan(s({}));
    expect(s({ distanceM: 0, ageHours: 0, sameCategory: true, textSimilarity: 1 })).toBeCloseTo(1);
    // One of the same major class counts half; words alone (no category asked) can still reach 1.
    expect(s({ relatedCategory: true })).toBeGreaterThan(s({}));
    expect(s({ relatedCategory: true })).toBeLessThan(s({ sameCategory: true }));
    expect(similarityScore({ distanceM: 0, ageHours: 0, sameCategory: false, textSimilarity: 1 }, { ...asked, category: false })).toBeCloseTo(1);
  });
});
