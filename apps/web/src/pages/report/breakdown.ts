/**
 * The score as the report shows it: categories with their share, the runbook steps read back out
 * of the runbook category's detail lines, and what cost points. The API writes the lines
 * (apps/api/src/scoring/runbook-adherence.ts); we only parse their stable shape.
 */
import type { ScoreItem } from '../../api/types.js';

export interface CategoryRow {
  id: string;
  title: string;
  points: number;
  max: number;
  /** 0–1 of the category's max; null for penalty categories (max 0). */
  share: number | null;
  lost: number;
  details: string[];
  followUps: string[];
  penalty: boolean;
}

export interface StepRow {
  id: string;
  title: string;
  done: boolean;
  /** `T1+2m10s`. */
  at: string | null;
  evidence: string | null;
  notes: string | null;
  expected: string | null;
  points: number;
  max: number;
}

export interface CostLine {
  category: string;
  points: number;
  reason: string;
}

export interface ShapedScore {
  total: number;
  categories: CategoryRow[];
  steps: StepRow[];
  costs: CostLine[];
}

const round = (n: number) => Math.round(n * 100) / 100;

const DONE = /^Step '([^']+)' \((.*)\) done at (\S+) by (.*?)(?: \(((?:bound|out of order)[^)]*(?:\([^)]*\)[^)]*)*)\))?: ([-\d.]+) of ([-\d.]+) points\.$/;
const NOT_DONE = /^Step '([^']+)' \((.*)\) not done: expected (.*): ([-\d.]+) of ([-\d.]+) points\.$/;

/** A runbook detail line as a step row; null for other lines. */
export function parseStepLine(line: string): StepRow | null {
  const done = DONE.exec(line);
  if (done) return { id: done[1]!, title: done[2]!, done: true, at: done[3]!, evidence: done[4]!, notes: done[5] ?? null, expected: null, points: Number(done[6]), max: Number(done[7]) };
  const missed = NOT_DONE.exec(line);
  if (missed) return { id: missed[1]!, title: missed[2]!, done: false, at: null, evidence: null, notes: null, expected: missed[3]!, points: Number(missed[4]), max: Number(missed[5]) };
  return null;
}

export function shapeScore(total: number, breakdown: readonly ScoreItem[]): ShapedScore {
  const categories = breakdown.map((item) => {
    const penalty = item.max === 0;
    return {
      id: item.id,
      title: item.title,
      points: item.points,
      max: item.max,
      share: penalty ? null : Math.max(0, Math.min(1, item.points / item.max)),
      lost: penalty ? round(-item.points) : round(item.max - item.points),
      details: item.details,
      followUps: item.followUps,
      penalty,
    };
  });
  const runbook = breakdown.find((item) => item.id === 'runbook');
  const steps = (runbook?.details ?? []).map(parseStepLine).filter((row): row is StepRow => row !== null);
  const costs: CostLine[] = [];
  for (const category of categories) {
    if (category.lost <= 0) continue;
    // The follow-ups say what to do differently; without them the detail lines say what happened.
    const reasons = category.followUps.length > 0 ? category.followUps : category.details;
    costs.push({ category: category.title, points: category.lost, reason: reasons.join(' ') || 'points lost' });
  }
  costs.sort((a, b) => b.points - a.points);
  return { total, categories, steps, costs };
}
