/** How the UI prints durations and times, one way everywhere. */

/** `45s`, `2m 10s`, `1h 5m`; `—` when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.round(Math.abs(seconds));
  const sign = seconds < 0 && total > 0 ? '-' : '';
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${sign}${h}h${m > 0 ? ` ${m}m` : ''}`;
  if (m > 0) return `${sign}${m}m${s > 0 ? ` ${s}s` : ''}`;
  return `${sign}${s}s`;
}

/** A local date and time, short (`21 Nov 2026, 12:04`). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The badge class of a scenario severity (SEV1 is the worst). */
export function severityClass(severity: string): string {
  return ({ SEV1: 'sev-critical', SEV2: 'sev-high', SEV3: 'sev-medium', SEV4: 'sev-low' } as Record<string, string>)[severity.toUpperCase()] ?? '';
}
