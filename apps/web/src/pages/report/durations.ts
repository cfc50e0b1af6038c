/** How the report and the facilitator pages read and print drill durations, as the API's score lines do. */

/** `1h30m`, `45s`, `500ms` (Prometheus-style) in seconds; null when unreadable. */
export function durationToSeconds(text: string): number | null {
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
  if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(text)) return null;
  let total = 0;
  for (const [, amount, name] of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(amount) * unit[name!]!;
  return total;
}

/** `0s`, `45s`, `2m10s`, `1h5m` like the API's score lines. */
export function formatSeconds(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  const sign = seconds < 0 && total > 0 ? '-' : '';
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${sign}${h}h${m}m${s > 0 ? `${s}s` : ''}`;
  if (m > 0) return `${sign}${m}m${s > 0 ? `${s}s` : ''}`;
  return `${sign}${s}s`;
}

/** `+2m10s` / `-30s` from a mark. */
export function formatOffset(ms: number): string {
  const text = formatSeconds(ms / 1000);
  return text.startsWith('-') ? text : `+${text}`;
}
