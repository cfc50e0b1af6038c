import { describe, expect, it } from 'vitest';
import { DEFAULT_GATE_SPEED, isScenarioFile, parseGateArgs } from './gate-command.js';

describe('firedrill gate arguments', () => {
  it('takes scenarios, a speed, report files and a target', () => {
    expect(parseGateArgs(['a', 'b.scenario.yml'])).toMatchObject({ scenarios: ['a', 'b.scenario.yml'], speed: DEFAULT_GATE_SPEED, target: 'embedded' });
    const parsed = parseGateArgs(['a', '--speed', '12.5', '--junit', 'j.xml', '--json', 'r.json', '--markdown', 'r.md', '--target', 'http://127.0.0.1:4400/']);
    expect(parsed).toMatchObject({ speed: 12.5, junit: 'j.xml', json: 'r.json', markdown: 'r.md' });
    expect(String(parsed.target)).toBe('http://127.0.0.1:4400/');
  });

  it('refuses what it cannot run: no scenario, an unknown flag, a bad speed or target', () => {
    expect(() => parseGateArgs([])).toThrow(/at least one SCENARIO/);
    expect(() => parseGateArgs(['a', '--fast'])).toThrow(/--fast/);
    for (const speed of ['0', 'fast', '', '5000', '-1']) expect(() => parseGateArgs(['a', `--speed=${speed}`])).toThrow(/--speed must be a number from 0.1 to 1000/);
    expect(() => parseGateArgs(['a', '--target', 'somewhere'])).toThrow(/--target must be "embedded" or an http\(s\) URL/);
    expect(() => parseGateArgs(['a', '--target', 'ftp://host'])).toThrow(/http\(s\) URL/);
  });

  it('tells a file from a catalogue id', () => {
    expect(['x.scenario.yml', './x', 'dir/x', 'x.yaml'].map(isScenarioFile)).toEqual([true, true, true, true]);
    expect(isScenarioFile('error-spike-bad-deploy')).toBe(false);
  });
});
