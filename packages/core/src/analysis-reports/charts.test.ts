import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { barChart, resolutionChart, trendChart } from './charts.ts';

describe('charts drawn on the server', () => {
  it('give an SVG with the figures and a PNG of it at twice its size', async () => {
    const f = await trendChart('图1', ['11-15', '11-16'], [120, 98], [40, 77]);
    expect(f.svg.startsWith('<svg')).toBe(true);
    expect(f.svg).toContain('受理量');
    expect(f.svg).toContain('11-16');
    const meta = await sharp(f.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 2 * f.width, 2 * f.height]);
  });
  it('label the ring with the shares the report prints, and grow a bar chart with its rows', async () => {
    const ring = await resolutionChart('图2', [
      { name: '网格自治', value: 2, share: '66.7%' },
      { name: '综合执法', value: 1, share: '33.3%' },
      { name: '区级部门', value: 0, share: '0%' },
    ]);
    expect(ring.svg).toContain('66.7%');
    expect(ring.svg).not.toContain('区级部门');
    const bars = await barChart('图3', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], [8, 7, 6, 5, 4, 3, 2, 1]);
    expect(bars.height).toBeGreaterThan((await barChart('图3', ['a'], [1])).height);
  });
});

describe('names in a chart', () => {
  it('are text, never markup, in the SVG the page carries inline', async () => {
    const f = await barChart('图3', ['<script>alert(1)</script>', 'A & B "q"'], [2, 1]);
    expect(f.svg).not.toContain('<script');
    expect(f.svg).toContain('&lt;script&gt;');
    expect(f.svg).toContain('A &amp; B');
  });
});
