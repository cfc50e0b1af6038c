import { SetMetadata } from '@nestjs/common';
import { AppError } from '../common/errors.js';
import type { Principal } from './token.service.js';

export const DRILL_PARAM_KEY = 'firedrill:drill-param';
export const STACK_PARAM_KEY = 'firedrill:stack-param';

/**
 * The route's `param` names a drill: a drill participant may only use it for their own drill.
 * The roles guard enforces it before the handler runs, so no drill route can forget the check.
 */
export const DrillScoped = (param = 'id'): MethodDecorator & ClassDecorator => SetMetadata(DRILL_PARAM_KEY, param);

/** The route's `param` names a stack: a drill participant may only read their drill's stack. */
export const StackScoped = (param = 'stackId'): MethodDecorator & ClassDecorator => SetMetadata(STACK_PARAM_KEY, param);

/** Throws 403 unless the principal may touch this drill: the facilitator, or one of its participants. */
export function assertDrillAccess(principal: Principal, drillId: string): void {
  const allowed = principal.drillId === undefined ? principal.role === 'facilitator' : principal.drillId === drillId;
  if (!allowed) {
    throw new AppError('forbidden', `your credential belongs to another drill; it cannot read or act on drill "${drillId}"`);
  }
}

/** Throws 403 when a drill participant addresses a stack that is not their drill's. */
export function assertStackAccess(principal: Principal, stackId: string, drillStackId: string | undefined): void {
  if (principal.drillId === undefined) return;
  if (drillStackId === undefined || drillStackId !== stackId) {
    throw new AppError('forbidden', `your credential belongs to drill "${principal.drillId}"; it can only read that drill's stack`);
  }
}
