import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './token.service.js';

/** The authenticated caller, as the roles guard left it on the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route the roles guard did not authenticate');
  return principal;
});
