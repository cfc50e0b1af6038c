import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { colourFor, formatClock } from '../charts/chart-format.js';
import { formatSampleValue, type ChartData } from './promql-result.js';

const AXIS_TEXT = '#9da7b3';
const GRID = '#30363d';
/** Drill time is shown in UTC everywhere (the console's charts too): it is not the viewer's clock. */
const UTC = (seconds: number) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');

/**
 * A range query's series as lines (uPlot). Not the console's TimeSeriesChart: that one formats
 * values in a dashboard panel's known unit, while an ad-hoc query has none (a count, seconds, a
 * ratio of 0.004), so axes and legend here use plain significant digits.
 */
export function PromqlGraph({ data, height = 260, title }: { data: ChartData; height?: number; title: string }) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const options: uPlot.Options = {
      title: undefined,
      width: Math.max(element.clientWidth, 280),
      height,
      tzDate: UTC,
      scales: { x: { time: true } },
      series: [
        { label: 'time (UTC)', value: (_u, value) => (value === null ? '–' : formatClock(value)) },
        ...data.names.map((name, index) => ({
          label: name,
          stroke: colourFor(index),
          width: 1.5,
          spanGaps: false,
          points: { show: false },
          value: (_u: uPlot, value: number | null) => (value === null ? '–' : formatSampleValue(String(value))),
        })),
      ],
      // Axis text and grid for the dark theme (uPlot's defaults are for white backgrounds).
      axes: [
        { stroke: AXIS_TEXT, grid: { stroke: GRID }, ticks: { stroke: GRID }, values: (_u, splits) => timeTicks(splits) },
        { stroke: AXIS_TEXT, grid: { stroke: GRID }, ticks: { stroke: GRID }, size: 64, values: (_u, splits) => splits.map((split) => formatSampleValue(String(split))) },
      ],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
    };
    const chart = new uPlot(options, [data.times, ...data.values] as uPlot.AlignedData, element);
    // Follow the container's width (narrow windows, side panels opening).
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 280), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [data, height]);

  return (
    <figure className="promql-graph">
      <figcaption>{title}</figcaption>
      <div ref={host} />
    </figure>
  );
}

/** Ticks read HH:MM (UTC), or HH:MM:SS when they are less than a minute apart. */
function timeTicks(splits: number[]): string[] {
  const seconds = splits.length > 1 && splits[1]! - splits[0]! < 60;
  return splits.map((split) => formatClock(split).slice(0, seconds ? 8 : 5));
}
