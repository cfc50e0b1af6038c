import { SetMetadata } from '@nestjs/common';

export type Role = 'facilitator' | 'responder' | 'observer';

export const ROLES_KEY = 'firedrill:roles';
export const PUBLIC_KEY = 'firedrill:public';

/** The roles allowed on a route. A route without @Roles or @Public is facilitator-only. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);
/** A route anyone on the network may call (health, API docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);
