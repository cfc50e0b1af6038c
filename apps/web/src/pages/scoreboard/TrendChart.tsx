import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TrendSeries {
  label: string;
  values: Array<number | null>;
  colour: string;
}

interface Props {
  /** Names the chart for screen readers. */
  title: string;
  x: number[];
  series: TrendSeries[];
  /** Formats an axis/legend value (seconds → `2m 5s`, or a score). */
  format: (value: number) => string;
  /** Tick steps for the y axis (durations read best on whole minutes and hours). */
  incrs?: number[];
  height?: number;
}

/** Seconds: 1 s … 1 day, steps a person would pick. */
export const DURATION_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/**
 * One point per drill over time. Points are drawn and gaps spanned because drills are sparse
 * samples, not a continuous signal; the chart is rebuilt when the data changes (it changes only
 * when filters do).
 */
export function TrendChart({ title, x, series, format, incrs, height = 220 }: Props) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const style = getComputedStyle(element);
    const ink = style.color || '#ccc';
    const grid = style.getPropertyValue('--border').trim() || '#333';
    const axis = (values: (v: number) => string): uPlot.Axis => ({ stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, values: (_u, ticks) => ticks.map(values) });
    const options: uPlot.Options = {
      width: Math.max(280, element.clientWidth),
      height,
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), (max ?? 1) * 1.1 || 1] } },
      axes: [
        { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, space: 90, values: (_u, ticks) => ticks.map(timeLabel(x)) },
        { ...axis(format), size: 70, ...(incrs ? { incrs } : {}) },
      ],
      series: [
        { value: (_u, value) => (value == null ? '—' : new Date(value * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })) },
        ...series.map((entry) => ({
          label: entry.label,
          stroke: entry.colour,
          width: 2,
          spanGaps: true,
          points: { show: true, size: 7, fill: entry.colour },
          value: (_u: uPlot, value: number | null) => (value == null ? '—' : format(value)),
        })),
      ],
      legend: { live: true },
    };
    const plot = new uPlot(options, [x, ...series.map((entry) => entry.values)] as uPlot.AlignedData, element);
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(280, element.clientWidth), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [x, series, format, incrs, height]);

  if (series.every((entry) => entry.values.every((value) => value === null))) return <p className="muted">Nothing to plot yet.</p>;
  return <div ref={container} className="trend-chart" role="img" aria-label={title} />;
}

/** Tick labels: times of day when the drills span under two days, dates otherwise. */
function timeLabel(x: readonly number[]): (seconds: number) => string {
  const span = (x.at(-1) ?? 0) - (x[0] ?? 0);
  const options: Intl.DateTimeFormatOptions = span < 2 * 86_400 ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short' };
  return (seconds) => new Date(seconds * 1000).toLocaleString(undefined, options);
}
