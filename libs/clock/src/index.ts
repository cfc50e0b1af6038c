export type { Clock, TimerHandle } from './clock.js';
export { RealClock, ScaledClock } from './real-clock.js';
export { FakeClock } from './fake-clock.js';
export { tryParseDuration, formatDuration } from './duration.js';
