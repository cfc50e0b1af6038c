import { describe, expect, it } from 'vitest';
import { formatDuration, severityClass } from './format.js';

describe('formatDuration', () => {
  it('prints seconds, minutes and hours as a person says them', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(59.6)).toBe('1m');
    expect(formatDuration(130)).toBe('2m 10s');
    expect(formatDuration(3600)).toBe('1h');
    expect(formatDuration(15096)).toBe('4h 11m');
    expect(formatDuration(-7.3)).toBe('-7s');
  });

  it('maps severities to badge classes', () => {
    expect(severityClass('SEV1')).toBe('sev-critical');
    expect(severityClass('unknown')).toBe('');
  });
});
