/** The audit trail's path of the OpenAPI document (`GET /api/admin/activity`, src/admin/api/activity.ts). */
import * as z from 'zod';
import { shopEventTypes } from '../../db/shop-event-types';
import { activityCursor } from '../activity-feed';
import { admin, anyObject, errors, json, type PathFn } from './parts';

/** `ActivityEntry` (src/admin/activity-feed.ts). */
const activityEntry = z
  .object({
    id: z.string(),
    type: z.enum(shopEventTypes),
    actor: z.string().describe('member id, operator, installer or system'),
    actorName: z.string().nullable().describe('the member’s name; null for operator, installer, system'),
    at: z.int(),
    subject: z.string().nullable().describe('what the change is about: a member, an article, an address…'),
    data: anyObject.describe(
      '`changes`: { field: { from, to } } for settings (never secrets), `more`: fields left out',
    ),
  })
  .meta({ id: 'ActivityEntry' });

export function registerActivityPaths(path: PathFn): void {
  path('get', '/api/admin/activity', 'Admin', 'Who changed the shop’s configuration, when, and what changed', {
    security: admin,
    request: { query: z.object({ before: activityCursor.optional().describe('`next` of the page before') }) },
    responses: {
      200: json(
        z.object({ events: z.array(activityEntry), next: z.string().nullable() }),
        'Up to 50 events, newest first',
      ),
      ...errors([400, 401, 403]),
    },
  });
}
