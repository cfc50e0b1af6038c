/**
 * Units of dashboard panels and how their values read on an axis or in a legend. Pure, tested.
 */
export type Unit = 'reqps' | 'ratio' | 'seconds' | 'count' | 'burn' | 'percentBudget';

function trim(value: number, digits: number): string {
  return Number(value.toFixed(digits)).toString();
}

/** A value in its panel's unit, short enough for an axis tick: `12.5/s`, `3.2%`, `250ms`, `14x`. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'reqps':
      return `${value >= 100 ? trim(value, 0) : trim(value, value >= 10 ? 1 : 2)}/s`;
    case 'ratio':
    case 'percentBudget': {
      const percent = value * 100;
      // A budget overspent many times over reads -18.6k%, not a number wider than the axis.
      if (Math.abs(percent) >= 10_000) return `${trim(percent / 1000, 1)}k%`;
      return `${trim(percent, Math.abs(value) >= 0.1 ? 1 : 2)}%`;
    }
    case 'seconds':
      if (value === 0) return '0';
      if (Math.abs(value) < 1) return `${trim(value * 1000, value < 0.01 ? 1 : 0)}ms`;
      return `${trim(value, 2)}s`;
    case 'burn':
      return `${trim(value, value >= 10 ? 0 : 1)}x`;
    case 'count':
      return trim(value, Number.isInteger(value) ? 0 : 2);
  }
}

/** `HH:MM:SS` of a stack time in unix seconds, in UTC: the drill clock is not the viewer's clock. */
export function formatClock(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(11, 19);
}

/** The series palette: distinguishable on light and dark backgrounds, in a fixed order. */
export const PALETTE = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16', '#f97316', '#64748b'];

export function colourFor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}
