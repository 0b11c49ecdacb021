/**
 * One ECharts 6 chart (modular imports: bar, line, pie on canvas), resized with its box; a click on a bar, point
 * or slice calls `onPick` with its name; `exportPng` downloads it as a PNG (getDataURL on a white ground).
 */
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartHandle {
  exportPng(filename: string): void;
}

export function EChart({ option, label, height = 280, onPick, ref }: { option: EChartsCoreOption; label: string; height?: number; onPick?: (name: string, dataIndex: number, seriesIndex: number) => void; ref?: Ref<ChartHandle> }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const c = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => pick.current?.(String(p.name), p.dataIndex, p.seriesIndex ?? 0));
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useImperativeHandle(ref, () => ({
    exportPng(filename: string) {
      const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
      if (!url) return;
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
    },
  }));

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height, cursor: onPick ? 'pointer' : undefined }} />;
}
