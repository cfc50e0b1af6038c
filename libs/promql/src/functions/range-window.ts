/** The float samples of one series inside a left-open window (rangeStart, rangeEnd], stale markers removed. */
export interface RangeWindow {
  /** The series' sample timestamps in ms; the window is indexes [start, end) (no copying). */
  t: ArrayLike<number>;
  v: ArrayLike<number>;
  start: number;
  end: number;
  /** Window bounds in ms; rangeEnd is the evaluation time after offset/@. */
  rangeStart: number;
  rangeEnd: number;
}

export interface RangeFunctionResult {
  value: number;
  warnings?: string[];
  infos?: string[];
}

export type AnnotationKind = 'warning' | 'info';

export interface RangeFunctionContext {
  metricName: string | undefined;
  /**
   * The evaluation step time in ms (before offset/@). predict_linear anchors its intercept here, as
   * Prometheus does (enh.Ts); defaults to the window's rangeEnd when absent.
   */
  evaluationTimeMs?: number;
  /**
   * Side channel for Prometheus annotations (e.g. the "metric might not be a counter" info of rate).
   * The message is Prometheus's full text without the position suffix, e.g.
   * `PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "foo"`;
   * the engine appends ` (line:col)` of the function's range argument and de-duplicates.
   */
  annotate?: (kind: AnnotationKind, message: string) => void;
}

/** Returns undefined when Prometheus yields no sample for the series (e.g. rate over fewer than 2 samples). */
export type RangeFunction = (w: RangeWindow, scalarArgs: number[], ctx: RangeFunctionContext) => number | undefined;
