/** Per-sample math; timestampMs is the evaluation time (used by date functions called without arguments by the engine). */
export type SampleFunction = (value: number, scalarArgs: number[], timestampMs: number) => number;

export const SAMPLE_FUNCTIONS: ReadonlyMap<string, SampleFunction> = new Map();

/** clamp(v, min, max) with min > max returns an empty vector in Prometheus. */
export function clampReturnsEmpty(min: number, max: number): boolean {
  return max < min;
}
