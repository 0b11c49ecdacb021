/**
 * 今日受理渠道 and 今日诉求类型: today's orders by channel (a ring) and by nature (bars), ECharts drawn as SVG so
 * they stay sharp on a wall of any size. Loaded after the figures (their own chunk).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ScreenSnapshot } from '@liandong/contracts';

echarts.use([PieChart, BarChart, GridComponent, SVGRenderer]);

const PALETTE = ['#00e5ff', '#36e3a0', '#ffd23f', '#ff8a3d', '#b57bff', '#4d9dff', '#ff5c8a', '#9be15d', '#8fa9c9'];
const TEXT = '#cfe6ff';

function Chart({ option, label }: { option: echarts.EChartsCoreOption; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    chart.current = echarts.init(box.current!, null, { renderer: 'svg' });
    return () => chart.current?.dispose();
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={box} className="scr-chart" role="img" aria-label={label} />;
}

export default function MixCharts({ v }: { v: ScreenSnapshot }) {
  const { t, i18n } = useTranslation();
  const name = (x: { name: string; nameEn: string | null }) => (i18n.language === 'en' && x.nameEn ? x.nameEn : x.name);
  const channelsLabel = `${t('screen.channels.title')}：${v.channels.map((c) => `${name(c)} ${c.count}`).join('，')}`;
  const naturesLabel = `${t('screen.natures.title')}：${v.natures.map((c) => `${name(c)} ${c.count}`).join('，')}`;
  const channels: echarts.EChartsCoreOption = {
    color: PALETTE,
    animationDuration: 600,
    series: [
      {
        type: 'pie',
        radius: ['30%', '48%'],
        center: ['50%', '50%'],
        itemStyle: { borderColor: '#061a36', borderWidth: 3 },
        // Labels kept inside the panel, a long name (12345 hotline) broken onto two lines rather than cut at its edge.
        label: { color: TEXT, fontSize: 16, formatter: '{b}\n{c}', lineHeight: 20, alignTo: 'edge', edgeDistance: 6, overflow: 'break' },
        labelLine: { length: 8, length2: 10, lineStyle: { color: '#4a79a8' } },
        data: v.channels.slice(0, 6).map((c) => ({ name: name(c), value: c.count })),
      },
    ],
  };
  const natures: echarts.EChartsCoreOption = {
    color: PALETTE,
    animationDuration: 600,
    grid: { left: 8, right: 46, top: 12, bottom: 8, containLabel: true },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: v.natures.map(name),
      axisLabel: { color: TEXT, fontSize: 17 },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        data: v.natures.map((c, i) => ({ value: c.count, itemStyle: { color: PALETTE[i % PALETTE.length], borderRadius: 7 } })),
        label: { show: true, position: 'right', color: '#ffffff', fontSize: 17, fontFamily: 'DIN Alternate, Roboto Mono, monospace' },
      },
    ],
  };
  return (
    <div className="scr-mix">
      <section className="scr-panel" aria-labelledby="scr-channels-title">
        <h2 id="scr-channels-title" className="scr-panel-title">
          {t('screen.channels.title')}
        </h2>
        <Chart option={channels} label={channelsLabel} />
      </section>
      <section className="scr-panel" aria-labelledby="scr-natures-title">
        <h2 id="scr-natures-title" className="scr-panel-title">
          {t('screen.natures.title')}
        </h2>
        <Chart option={natures} label={naturesLabel} />
      </section>
    </div>
  );
}
