import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import type { Principal } from '../../team/principal';
import { can } from '../../team/roles';
import { routePermissions, type RouteRequirement } from '../../team/route-permissions';

/** The `METHOD path` key of the handler this request reaches, or null when only middleware matched (a 404). */
export function routeKeyOf(c: Parameters<MiddlewareHandler>[0]): string | null {
  const handler = matchedRoutes(c).findLast((r) => r.method !== 'ALL');
  return handler ? `${handler.method} ${handler.path}` : null;
}

export function allows(principal: Principal, requirement: RouteRequirement | undefined): boolean {
  if (!requirement) return false;
  return requirement === 'signed-in' || can(principal.role, requirement);
}

/**
 * Checks the caller's role against `routePermissions` after authentication. A route with no entry
 * there is refused for everyone, so a new route cannot ship open by accident.
 */
export function authorize(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const key = routeKeyOf(c);
    if (key === null) return next();
    if (!allows(c.get('principal'), routePermissions[key]))
      throw new AppError('forbidden', `Your role (${c.get('principal').role}) may not ${key}.`);
    await next();
  };
}
