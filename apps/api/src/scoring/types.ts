/** One category of a score, as a trainee reads it. */
export interface ScoreItem {
  id: string;
  title: string;
  /** Rounded to two decimals; penalty categories (hints) have `max: 0` and negative points. */
  points: number;
  max: number;
  /** What happened, one readable line each. */
  details: string[];
  /** What to do differently next time; the postmortem turns these into action items. */
  followUps: string[];
}

export interface DrillScore {
  rubricVersion: 'v1';
  /** 0–100, an integer. */
  total: number;
  breakdown: ScoreItem[];
}

/** What the engine measured on the stack during the drill, beside the timeline. */
export interface DrillMeasurements {
  /** Fraction (0–1) of the checkout availability error budget burned between T0 and the end. */
  errorBudgetBurned?: number;
  requestsFailed?: number;
}
