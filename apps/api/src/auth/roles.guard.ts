import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError } from '../common/errors.js';
import { assertDrillAccess, assertStackAccess, DRILL_PARAM_KEY, STACK_PARAM_KEY } from './drill-access.js';
import { PUBLIC_KEY, ROLES_KEY, type Role } from './roles.js';
import { TokenService, type Principal } from './token.service.js';

/**
 * Checks `Authorization: Bearer <token>` and the route's roles on every request, and keeps a
 * drill participant inside their drill: routes marked @DrillScoped / @StackScoped refuse (403)
 * another drill or another stack.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = this.tokens.authenticate(bearerToken(request.headers.authorization));
    if (!principal) throw new AppError('unauthorized', 'missing or invalid credentials: send Authorization: Bearer <token>');
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? ['facilitator'];
    if (!allowed.includes(principal.role)) {
      throw new AppError('forbidden', `this route needs the role ${allowed.join(' or ')}; you are ${principal.role}`);
    }
    const drillParam = this.reflector.getAllAndOverride<string>(DRILL_PARAM_KEY, targets);
    const drillId = drillParam ? routeParam(request, drillParam) : undefined;
    if (drillId !== undefined) assertDrillAccess(principal, drillId);
    const stackParam = this.reflector.getAllAndOverride<string>(STACK_PARAM_KEY, targets);
    const stackId = stackParam ? routeParam(request, stackParam) : undefined;
    if (stackId !== undefined && principal.drillId !== undefined) {
      assertStackAccess(principal, stackId, this.tokens.stackOfDrill(principal.drillId));
    }
    request.principal = principal;
    return true;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

function routeParam(request: Request, name: string): string | undefined {
  const value: unknown = request.params[name];
  return typeof value === 'string' ? value : undefined;
}
