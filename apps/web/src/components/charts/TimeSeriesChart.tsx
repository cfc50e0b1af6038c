import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './charts.css';
import { latestValue, sameSeries, toAlignedData, type ChartData } from './chart-data.js';
import { colourFor, formatClock, formatValue, type Unit } from './chart-format.js';

export interface TimeSeriesChartProps {
  /** Names the chart for screen readers (with the latest values). */
  title: string;
  data: ChartData;
  unit: Unit;
  /** Charts with the same key share one cursor: hover one, see the same instant on all. */
  syncKey?: string;
  height?: number;
  /** Keep 0 on the y axis (rates, ratios) so a flat line does not look like a cliff. */
  fromZero?: boolean;
  /** The x range asked for (unix seconds): every chart shows the same window, even a series that starts late. */
  xRange?: readonly [number, number] | null;
}

const UTC = (seconds: number) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');

/** The legend shows the hovered instant, or the newest values when nothing is hovered (a glanceable "now"). */
function seriesOptions(label: string, index: number, unit: Unit): uPlot.Series {
  return {
    label,
    stroke: colourFor(index),
    width: 1.5,
    spanGaps: false,
    points: { show: false },
    value: (u, value, seriesIndex, dataIndex) => formatValue(dataIndex === null ? latestValue(u.data[seriesIndex] ?? []) : value, unit),
  };
}

/**
 * A streaming time-series chart on uPlot. The chart is created once; new data goes in with
 * `setData` (series added or removed in place when the set changes, e.g. a replica scaled away),
 * so a refresh every few seconds costs a redraw, not a rebuild, and a hovered cursor survives it.
 */
export function TimeSeriesChart({ title, data, unit, syncKey, height = 180, fromZero = true, xRange = null }: TimeSeriesChartProps) {
  const container = useRef<HTMLDivElement>(null);
  // Read by uPlot's range callback at each setData, so a new window needs no new chart.
  const requestedRange = useRef(xRange);
  requestedRange.current = xRange;
  const plot = useRef<uPlot | null>(null);
  const shown = useRef<ChartData['series']>([]);

  // Create once per unit/sync group; data changes never re-create the chart.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const ink = getComputedStyle(element).color || '#444';
    const grid = { stroke: 'rgba(128,128,128,0.18)', width: 1 };
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height,
      tzDate: UTC,
      cursor: { sync: syncKey ? { key: syncKey, setSeries: false } : undefined, drag: { x: false, y: false } },
      legend: { live: true },
      scales: { x: { time: true, range: (_u, min, max) => (requestedRange.current ? [requestedRange.current[0], requestedRange.current[1]] : [min, max]) }, y: { range: (_u, min, max) => yRange(min, max, fromZero) } },
      axes: [
        { stroke: ink, grid, ticks: grid, values: (_u, splits) => timeTicks(splits) },
        { stroke: ink, grid, ticks: grid, size: axisSize, values: (_u, splits) => splits.map((s) => formatValue(s, unit)) },
      ],
      series: [{ label: 'time', value: (u, value, _s, dataIndex) => timeLegend(dataIndex === null ? u.data[0]?.at(-1) : value) }],
    };
    const chart = new uPlot(options, [[]], element);
    plot.current = chart;
    shown.current = [];
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 200), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [unit, syncKey, height, fromZero]);

  useEffect(() => {
    const chart = plot.current;
    if (!chart) return;
    if (!sameSeries(shown.current, data.series)) {
      for (let i = chart.series.length - 1; i >= 1; i--) chart.delSeries(i);
      data.series.forEach((series, i) => chart.addSeries(seriesOptions(series.label, i, unit), i + 1));
      shown.current = data.series;
    }
    chart.setData(toAlignedData(data) as uPlot.AlignedData);
  }, [data, unit]);

  return (
    <figure className="ts-chart" aria-label={describe(title, data, unit)} role="img">
      <div ref={container} className="ts-chart-canvas" />
      {data.series.length === 0 && <p className="ts-chart-empty">No data in this window</p>}
    </figure>
  );
}

/** Wide enough for the longest tick label (`-18.6k%`), so a sign is never cut off. */
function axisSize(_u: uPlot, values: string[] | null): number {
  const longest = Math.max(3, ...(values ?? []).map((value) => value.length));
  return 24 + longest * 7.5;
}

function timeLegend(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? '–' : formatClock(seconds);
}

/** Ticks read HH:MM, or HH:MM:SS when they are less than a minute apart. */
function timeTicks(splits: number[]): string[] {
  const seconds = splits.length > 1 && splits[1]! - splits[0]! < 60;
  return splits.map((split) => formatClock(split).slice(0, seconds ? 8 : 5));
}

function yRange(min: number | null, max: number | null, fromZero: boolean): uPlot.Range.MinMax {
  if (min === null || max === null) return [0, 1];
  const low = fromZero ? Math.min(0, min) : min;
  const high = max === low ? low + 1 : max;
  return [low, high + (high - low) * 0.08];
}

/** What a screen reader hears: the title and each series' latest value. */
function describe(title: string, data: ChartData, unit: Unit): string {
  if (data.series.length === 0) return `${title}: no data`;
  const latest = data.series.map((series) => {
    const value = [...series.values].reverse().find((v) => v !== null);
    return `${series.label} ${formatValue(value, unit)}`;
  });
  return `${title}, latest: ${latest.join('; ')}`;
}
