import type { ComponentType } from 'react';
import { CataloguePage } from '../pages/catalogue/index.js';
import { DrillConsolePage } from '../pages/drill-console/index.js';
import { FacilitatorDrillPage, FacilitatorPage } from '../pages/facilitator/index.js';
import { GameDayDetailPage, GameDayFormPage, GameDayRunPage, GameDaysPage } from '../pages/gamedays/index.js';
import { ReportPage } from '../pages/report/index.js';
import { ScoreboardPage } from '../pages/scoreboard/index.js';
import { StacksPage } from '../pages/stacks/index.js';
import { matchPath } from '../router/index.js';

export interface RouteDefinition {
  pattern: string;
  /** The document title's first part. */
  title: string;
  component: ComponentType;
  /** Needs the facilitator's credential (participants are sent to their drill). */
  facilitatorOnly?: boolean;
}

/** Every page of the UI; the first pattern that matches wins. `#/` is handled by the shell. */
export const ROUTES: readonly RouteDefinition[] = [
  { pattern: '/catalogue', title: 'Catalogue', component: CataloguePage },
  { pattern: '/scoreboard', title: 'Scoreboard', component: ScoreboardPage, facilitatorOnly: true },
  { pattern: '/facilitator', title: 'Drills', component: FacilitatorPage, facilitatorOnly: true },
  { pattern: '/facilitator/drills/:id', title: 'Drill', component: FacilitatorDrillPage, facilitatorOnly: true },
  { pattern: '/drills/:id', title: 'Drill console', component: DrillConsolePage },
  { pattern: '/drills/:id/report', title: 'Drill report', component: ReportPage },
  { pattern: '/stacks', title: 'Stacks', component: StacksPage, facilitatorOnly: true },
  { pattern: '/gamedays', title: 'Game days', component: GameDaysPage, facilitatorOnly: true },
  // Before '/gamedays/:id', which would otherwise take "new" for an id.
  { pattern: '/gamedays/new', title: 'New game day', component: GameDayFormPage, facilitatorOnly: true },
  { pattern: '/gamedays/:id', title: 'Game day', component: GameDayDetailPage, facilitatorOnly: true },
  { pattern: '/gamedays/:id/edit', title: 'Edit game day', component: GameDayFormPage, facilitatorOnly: true },
  { pattern: '/gamedays/:id/runs/:runId', title: 'Game-day run', component: GameDayRunPage, facilitatorOnly: true },
];

export interface ResolvedRoute {
  route: RouteDefinition;
  params: Record<string, string>;
}

export function resolveRoute(path: string, routes: readonly RouteDefinition[] = ROUTES): ResolvedRoute | null {
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (params) return { route, params };
  }
  return null;
}

/**
 * Where `#/` (or a page the credential cannot open) goes: a join-link participant to their own
 * drill, the facilitator to the drill list.
 */
export function homePath(drillId: string | null): string {
  return drillId ? `/drills/${encodeURIComponent(drillId)}` : '/facilitator';
}
