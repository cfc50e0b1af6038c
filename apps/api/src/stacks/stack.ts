import type { ScaledClock } from '@firedrill/clock';
import type { StackProfile } from '@firedrill/scenarios';
import type { LoadGenerator } from './load/load-generator.js';
import type { StackTarget } from './target.js';

/** A running, isolated demo-shop instance with its own clock and load. */
export interface Stack {
  readonly id: string;
  readonly createdAt: string;
  readonly profile: StackProfile;
  readonly clock: ScaledClock;
  readonly target: StackTarget;
  readonly load: LoadGenerator;
}
