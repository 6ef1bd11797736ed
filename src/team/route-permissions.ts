/**
 * What each admin route and screen needs, in one table keyed `METHOD path` exactly as the router
 * registers it. `authorize()` answers 403 for a route a role lacks and for any route missing here
 * (deny by default); test/team/route-permissions.test.ts walks the app's routes × every role.
 * `signed-in`: any member (the handler may narrow it further, e.g. to the member's own tokens).
 */
import type { Permission } from './roles';

export type RouteRequirement = Permission | 'signed-in';

export const routePermissions: Record<string, RouteRequirement> = {
  // JSON API (src/admin/api/*)
  'GET /api/admin/me': 'signed-in',
  'GET /api/admin/metrics': 'metrics.read',
  'GET /api/admin/events': 'operations.write',
  'GET /api/admin/events/:id': 'operations.write',
  'POST /api/admin/events/:id/replay': 'operations.write',
  'GET /api/admin/cases': 'cases.read',
  'GET /api/admin/cases/:id': 'cases.read',
  'POST /api/admin/cases/:id/actions': 'cases.work',
  'GET /api/admin/orders/:id': 'cases.read',
  'GET /api/admin/policy': 'cases.read',
  'PUT /api/admin/policy': 'policy.write',
  'GET /api/admin/taxonomy': 'cases.read',
  'PUT /api/admin/taxonomy': 'policy.write',
  'GET /api/admin/outbox': 'operations.write',
  'GET /api/admin/jobs/failures': 'operations.write',
  'POST /api/admin/sla/resync': 'sla.write',
  'GET /api/admin/sla/clocks/:caseId': 'cases.read',
  'GET /api/admin/members': 'members.read',
  'POST /api/admin/members': 'members.write',
  'PATCH /api/admin/members/:id': 'members.write',
  'GET /api/admin/members/:id/tokens': 'signed-in',
  'POST /api/admin/members/:id/tokens': 'signed-in',
  'DELETE /api/admin/members/:id/tokens/:tokenId': 'signed-in',
  // The knowledge base: everyone reads it; writing articles and macros is the templates' permission.
  'GET /api/admin/articles': 'cases.read',
  'POST /api/admin/articles': 'templates.write',
  'GET /api/admin/articles/:id': 'cases.read',
  'PUT /api/admin/articles/:id': 'templates.write',
  'DELETE /api/admin/articles/:id': 'templates.write',
  'GET /api/admin/macros': 'cases.read',
  'POST /api/admin/macros': 'templates.write',
  'GET /api/admin/macros/:id': 'cases.read',
  'PUT /api/admin/macros/:id': 'templates.write',
  'DELETE /api/admin/macros/:id': 'templates.write',
  'GET /api/admin/customers/:id': 'cases.read',
  // The weekly review: read with the figures; an action item is a manager's decision (policy.write).
  'GET /api/admin/reviews': 'metrics.read',
  'GET /api/admin/reviews.csv': 'exports.read',
  'POST /api/admin/action-items': 'policy.write',
  'POST /api/admin/action-items/:id/close': 'policy.write',
  'GET /api/admin/alerts': 'metrics.read',
  // Screens (src/admin/*-screens.tsx)
  'GET /admin': 'cases.read',
  'POST /admin/cases/bulk': 'cases.work',
  'GET /admin/cases/:id': 'cases.read',
  'POST /admin/cases/:id/actions': 'cases.work',
  'POST /admin/cases/:id/assign': 'cases.work',
  'POST /admin/cases/:id/macros/:macroId': 'cases.work',
  'POST /admin/cases/:id/procedure/:stepId': 'cases.work',
  'GET /admin/photos/:caseId/:key': 'cases.read',
  'GET /admin/dashboard': 'metrics.read',
  'GET /admin/export/dashboard.csv': 'exports.read',
  'GET /admin/export/cases.csv': 'exports.read',
  'GET /admin/operations': 'operations.write',
  'POST /admin/events/:id/replay': 'operations.write',
  'GET /admin/policy': 'policy.write',
  'POST /admin/policy': 'policy.write',
  'POST /admin/policy/blocklist': 'policy.write',
  'POST /admin/policy/blocklist/remove': 'policy.write',
  'GET /admin/sla': 'sla.write',
  'POST /admin/sla': 'sla.write',
  'POST /admin/sla/webhook-secret': 'sla.write',
  'GET /admin/templates': 'templates.write',
  'GET /admin/templates/:kind/:locale': 'templates.write',
  'POST /admin/templates/:kind/:locale': 'templates.write',
  'GET /admin/team': 'members.read',
  'POST /admin/team': 'members.write',
  'POST /admin/team/:id': 'members.write',
  'POST /admin/me/settings': 'signed-in',
  'GET /admin/help': 'templates.write',
  'GET /admin/help/new': 'templates.write',
  'GET /admin/help/:id': 'templates.write',
  'POST /admin/help': 'templates.write',
  'POST /admin/help/:id': 'templates.write',
  'GET /admin/review': 'metrics.read',
  'GET /admin/export/review.csv': 'exports.read',
  'POST /admin/review/actions': 'policy.write',
  'POST /admin/review/actions/:id/close': 'policy.write',
};

/** Routes under `/admin` reached before anyone is signed in: signing in and out. */
export const publicAdminRoutes: readonly string[] = [
  'GET /admin/login',
  'POST /admin/login',
  'POST /admin/logout',
  'POST /admin/login/link',
  'GET /admin/login/link/:shop/:link',
];
