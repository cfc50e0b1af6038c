/** Prometheus duration strings for the SLO generator and the notifier config (see @firedrill/clock). */
export { tryParseDuration, formatDuration as formatDurationMs } from '@firedrill/clock';
