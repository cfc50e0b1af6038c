/**
 * The multi-window, multi-burn-rate policy of the Google SRE Workbook ("Alerting on SLOs",
 * table 5-8). Each alert needs both windows above `factor` times the error budget rate: the long
 * window proves the burn is significant, the short one that it is still going on, so the alert
 * resets within minutes of a fix. The factors are calibrated for a 30d window: a page at 14.4x
 * over 1h means 2% of a 30-day budget went in that hour, 6x over 6h is 5%, 3x over 1d and 1x over
 * 3d are 10%. For another window the budget share changes in proportion (window / 30d).
 */
export type SloSeverity = 'page' | 'ticket';

export interface BurnRateAlertWindow {
  severity: SloSeverity;
  longWindowMs: number;
  shortWindowMs: number;
  factor: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const BURN_RATE_ALERT_WINDOWS: readonly BurnRateAlertWindow[] = [
  { severity: 'page', longWindowMs: HOUR, shortWindowMs: 5 * MINUTE, factor: 14.4 },
  { severity: 'page', longWindowMs: 6 * HOUR, shortWindowMs: 30 * MINUTE, factor: 6 },
  { severity: 'ticket', longWindowMs: DAY, shortWindowMs: 2 * HOUR, factor: 3 },
  { severity: 'ticket', longWindowMs: 3 * DAY, shortWindowMs: 6 * HOUR, factor: 1 },
];

/** Every window the alerts read, shortest first: each gets its own recording rule. */
export const SLI_WINDOWS_MS: readonly number[] = [
  ...new Set(BURN_RATE_ALERT_WINDOWS.flatMap((alert) => [alert.longWindowMs, alert.shortWindowMs])),
].sort((a, b) => a - b);
