import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createServices } from '../../src/services';
import { publicAdminRoutes, routePermissions } from '../../src/team/route-permissions';
import { can, roles, type Role } from '../../src/team/roles';
import { adminSession } from '../admin/admin-session';
import { createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';

const app = createApp({ services: (e) => createServices(e) });
const isAdmin = (path: string) => path.startsWith('/api/admin') || path === '/admin' || path.startsWith('/admin/');

/** Every handler the app registers under the admin API and screens, as `METHOD path`. */
const adminRoutes = [
  ...new Set(app.routes.filter((r) => r.method !== 'ALL' && isAdmin(r.path)).map((r) => `${r.method} ${r.path}`)),
].filter((k) => !publicAdminRoutes.includes(k));

type Caller = { role: Role; memberId: string; token: string };
const callers = new Map<Role, Caller>();
let shop: { id: string; domain: string };

beforeAll(async () => {
  shop = await createShop(env.DB);
  for (const role of roles) {
    const m = await memberWithToken(shop.id, role);
    callers.set(role, { role, memberId: m.member.id, token: m.token });
  }
});

/** A concrete URL for a route pattern: `:id` is the caller (members' own routes), other params dummies. */
function urlOf(path: string, caller: Caller): string {
  return path
    .replace(/:id(?=\/|$)/, path.includes('/members/') ? caller.memberId : 'x')
    .replace(/:(\w+)(\{[^}]*\})?/g, 'x')
    .replace(/\/\*$/, '/x');
}

async function requestAs(caller: Caller, method: string, path: string): Promise<Response> {
  const url = `http://admin.test${urlOf(path, caller)}`;
  if (path.startsWith('/api/admin')) {
    const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
    const headers = { authorization: `Bearer ${caller.token}`, 'content-type': 'application/json' };
    return app.request(url, { method, headers, body }, env);
  }
  const session = await adminSession(shop.domain, Date.now(), caller.memberId);
  const req = method === 'GET' ? session.get(urlOf(path, caller)) : session.post(urlOf(path, caller), {});
  return app.request(new Request(req, { method }), undefined, env);
}

describe('every admin route and screen × every role, from the one permission table', () => {
  it('declares a permission for every admin route the app registers (a new route must be added to the table)', () => {
    expect(adminRoutes.length).toBeGreaterThan(20);
    expect(adminRoutes.filter((k) => !(k in routePermissions))).toEqual([]);
  });

  it('lists no route the app does not have', () => {
    expect(Object.keys(routePermissions).filter((k) => !adminRoutes.includes(k))).toEqual([]);
  });

  it.each(roles)('%s: 403 exactly where the table says the role lacks the permission', async (role) => {
    const caller = callers.get(role)!;
    const wrong: string[] = [];
    for (const key of adminRoutes) {
      const [method, path] = key.split(' ') as [string, string];
      const need = routePermissions[key]!;
      const allowed = need === 'signed-in' || can(role, need);
      const res = await requestAs(caller, method, path);
      if ((res.status === 403) === allowed) wrong.push(`${key} → ${res.status} (needs ${need})`);
    }
    expect(wrong).toEqual([]);
  });
});
