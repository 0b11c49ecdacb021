/**
 * The report's charts, drawn on the server: ECharts 6 renders SVG without a browser (`ssr: true`), the HTML page
 * carries that SVG inline, and Word gets a PNG of it made by sharp (librsvg) at twice the size, so both show one
 * drawing. No animation, one font stack with a Chinese face the server has. ECharts is loaded with the first
 * chart, not when the server starts.
 */
import type { EChartsCoreOption } from 'echarts';
import sharp from 'sharp';
import type { ReportFigure } from '../shared/report-document/blocks.ts';

const FONT = 'Microsoft YaHei, PingFang SC, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif';
const COLORS = ['#1677ff', '#52c41a', '#faad14', '#f5222d', '#722ed1', '#13c2c2'];

async function draw(caption: string, option: EChartsCoreOption, width = 640, height = 300): Promise<ReportFigure> {
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: COLORS, textStyle: { fontFamily: FONT }, ...option });
    const svg = chart.renderToSVGString();
    const png = await sharp(Buffer.from(svg), { density: 144 }).flatten({ background: '#ffffff' }).png().toBuffer();
    return { caption, svg, png, width, height };
  } finally {
    chart.dispose();
  }
}

/** Orders received and closed per day (or month). */
export function trendChart(caption: string, buckets: string[], received: number[], closed: number[]): Promise<ReportFigure> {
  return draw(caption, {
    legend: { top: 0, data: ['受理量', '办结量'] },
    grid: { left: 48, right: 20, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: buckets, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '受理量', type: 'line', data: received, symbolSize: 4 },
      { name: '办结量', type: 'line', data: closed, symbolSize: 4 },
    ],
  });
}

/** Where closed orders were solved, as a ring. */
export function resolutionChart(caption: string, parts: { name: string; value: number; share: string }[]): Promise<ReportFigure> {
  return draw(caption, {
    legend: { orient: 'vertical', right: 10, top: 'middle' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        center: ['38%', '50%'],
        // The share as the report's table words it (one decimal), not ECharts' own rounding.
        data: parts.filter((p) => p.value > 0).map((p) => ({ name: p.name, value: p.value, label: { formatter: `{b}\n{c}件 ${p.share}` } })),
      },
    ],
  });
}

/** A horizontal bar per row, largest on top. */
export function barChart(caption: string, names: string[], values: number[]): Promise<ReportFigure> {
  return draw(
    caption,
    {
      grid: { left: 150, right: 40, top: 10, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: [...names].reverse(), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ type: 'bar', data: [...values].reverse(), label: { show: true, position: 'right' }, barMaxWidth: 18 }],
    },
    640,
    Math.max(120, 34 + 26 * names.length),
  );
}
