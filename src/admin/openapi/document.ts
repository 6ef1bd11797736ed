import { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { policySchema } from '../../cases/policy-schema';
import { caseActionSchema } from '../../commands/case-action-schema';
import { approveMoneySchema, declineMoneySchema } from '../../team/money-approval';
import { caseStatuses, caseTypes, priorities } from '../../cases/vocabulary';
import { returnRequestSchema } from '../../portal/return-request';
import { actionItemInput } from '../../review/action-items';
import { dashboardMetricsSchema, metricsQueryParams } from '../metrics/schema';
import { admin, anyObject, errors, id, json, type PathFn } from './parts';
import { registerConversationPaths } from './conversation-paths';
import { registerHelpPaths } from './help-paths';
import { registerActivityPaths } from './activity-paths';
import { registerOperationsPaths, registerTeamPaths } from './more-paths';

/**
 * The OpenAPI 3.1 document of the admin and shopper APIs, generated from the zod schemas the
 * routes validate with (policySchema, caseActionSchema, returnRequestSchema, the metrics schema).
 * Where an owning module keeps its query schema private, the shape is restated here beside a
 * pointer to it; `openapi.test.ts` checks the document against the app's registered routes.
 */
export function buildOpenApiDocument(serverUrl = '/') {
  const app = new OpenAPIHono();
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN (standalone); send X-Shop-Domain too',
  });
  registry.registerComponent('securitySchemes', 'memberToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'A member’s personal API token (aftercare_mt_…; names its shop, reaches no other)',
  });
  registry.registerComponent('securitySchemes', 'shopDomain', { type: 'apiKey', in: 'header', name: 'X-Shop-Domain' });
  registry.registerComponent('securitySchemes', 'sessionToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Shopify App Bridge session token (names its shop)',
  });
  registry.registerComponent('securitySchemes', 'shopperToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'Shopper token from POST /api/portal/{shop}/lookup',
  });

  const path: PathFn = (method, p, tag, summary, extra) =>
    registry.registerPath({ method, path: p, tags: [tag], summary, ...extra } as Parameters<
      typeof registry.registerPath
    >[0]);

  // Admin API
  path('get', '/api/admin/metrics', 'Admin', 'Dashboard numbers for a date range', {
    security: admin,
    request: { query: metricsQueryParams },
    responses: { 200: json(dashboardMetricsSchema, 'The dashboard'), ...errors([400, 401]) },
  });
  const week = z.object({
    week: z
      .string()
      .regex(/^\d{4}-W\d{2}$/)
      .optional(),
  });
  const weeklyReview = z.record(z.string(), z.unknown()).meta({ id: 'WeeklyReview' });
  path('get', '/api/admin/reviews', 'Admin', 'The weekly review (default: last full week in the shop zone)', {
    security: admin,
    request: { query: week },
    responses: { 200: json(weeklyReview, 'The review (src/review/review-store.ts)'), ...errors([400, 401]) },
  });
  path('get', '/api/admin/reviews.csv', 'Admin', 'The weekly review as CSV', {
    security: admin,
    request: {
      query: week.extend({
        lang: z
          .enum(['keys', 'en', 'zh-CN', 'de'])
          .optional()
          .describe('Header row: machine keys (default) or column names in that language; the column order is fixed'),
      }),
    },
    responses: { 200: { description: 'text/csv, one row per figure' }, ...errors([400, 401]) },
  });
  path('post', '/api/admin/action-items', 'Admin', 'Open an action item on a review line', {
    security: admin,
    request: { body: { required: true, content: { 'application/json': { schema: actionItemInput } } } },
    responses: { 201: json(z.record(z.string(), z.unknown()), 'The action item'), ...errors([400, 401]) },
  });
  path('post', '/api/admin/action-items/{id}/close', 'Admin', 'Close an open action item', {
    security: admin,
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: json(z.object({ id: z.string(), status: z.literal('closed') }), 'Closed'),
      ...errors([401, 404]),
    },
  });
  path('get', '/api/admin/alerts', 'Admin', 'Early warnings, newest first', {
    security: admin,
    request: { query: z.object({ status: z.enum(['open', 'closed']).optional() }) },
    responses: {
      200: json(
        z.object({
          alerts: z.array(
            z.object({
              id: z.string(),
              kind: z.string(),
              subject: z.string(),
              metric: z.string(),
              observed: z.number().nullable(),
              expected: z.number().nullable(),
              openedAt: z.int(),
              closedAt: z.int().nullable(),
              status: z.enum(['open', 'closed']),
            }),
          ),
        }),
        'The alerts',
      ),
      ...errors([400, 401]),
    },
  });
  path('get', '/api/admin/policy', 'Admin', 'The shop’s return policy and SLA settings', {
    security: admin,
    responses: { 200: json(policySchema.meta({ id: 'Policy' }), 'The policy document'), ...errors([401]) },
  });
  path('put', '/api/admin/policy', 'Admin', 'Replace the policy (send what GET returned, changed)', {
    security: admin,
    request: { body: { required: true, content: { 'application/json': { schema: policySchema } } } },
    responses: { 200: json(policySchema, 'The saved policy'), ...errors([400, 401]) },
  });
  path('get', '/api/admin/cases', 'Admin', 'Cases sorted by next SLA due time', {
    security: admin,
    request: {
      // Mirrors the cases router's query (src/admin/api/cases.ts).
      query: z.object({
        status: z.enum(caseStatuses).optional(),
        type: z.enum(caseTypes).optional(),
        priority: z.enum(priorities).optional(),
        breached: z.enum(['true', 'false']).optional(),
        q: z.string().optional(),
      }),
    },
    responses: { 200: json(anyObject, 'A page of cases'), ...errors([400, 401]) },
  });
  path('get', '/api/admin/cases/{id}', 'Admin', 'One case: items, timeline, SLA, refunds, pickups, messages, survey', {
    security: admin,
    request: { params: id('case id') },
    responses: { 200: json(anyObject, 'The case'), ...errors([401, 404]) },
  });
  path('post', '/api/admin/cases/{id}/actions', 'Admin', 'Act on a case', {
    security: admin,
    request: {
      params: id('case id'),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.union([
              caseActionSchema.meta({ id: 'CaseAction' }),
              approveMoneySchema.meta({ id: 'ApproveMoney' }),
              declineMoneySchema.meta({ id: 'DeclineMoney' }),
            ]),
          },
        },
      },
    },
    responses: {
      200: json(anyObject, 'The case after the action'),
      202: json(anyObject, 'Money above your limit, held for a manager'),
      ...errors([400, 401, 403, 404, 409, 422]),
    },
  });
  path('get', '/api/admin/orders/{id}', 'Admin', 'An order by Shopify id or #name, with shipments and cases', {
    security: admin,
    request: { params: id('Shopify order id or #name') },
    responses: { 200: json(anyObject, 'The order'), ...errors([401, 404]) },
  });
  path('get', '/api/admin/outbox', 'Admin', 'Outgoing notifications with rendered subject and body', {
    security: admin,
    // Mirrors src/admin/api/outbox.ts outboxQuery.
    request: {
      query: z.object({
        status: z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled']).optional(),
        kind: z.string().optional(),
        caseId: z.string().optional(),
        before: z.string().optional(),
        limit: z.int().min(1).max(100).optional(),
      }),
    },
    responses: { 200: json(anyObject, 'A page of notifications'), ...errors([400, 401]) },
  });
  path('get', '/api/admin/events', 'Admin', 'Stored webhook events; ?status=failed for dead letters', {
    security: admin,
    // Mirrors src/events/admin-routes.ts listQuery.
    request: {
      query: z.object({
        status: z.enum(['received', 'processed', 'failed', 'ignored']).optional(),
        topic: z.string().optional(),
        before: z.string().optional(),
        limit: z.int().min(1).max(200).optional(),
      }),
    },
    responses: { 200: json(anyObject, 'A page of events'), ...errors([400, 401]) },
  });
  path('post', '/api/admin/events/{id}/replay', 'Admin', 'Re-apply a stored event now', {
    security: admin,
    request: { params: id('event id (evt_…)') },
    responses: { 200: json(anyObject, 'The replay outcome'), ...errors([401, 404]) },
  });

  registerTeamPaths(path);
  registerHelpPaths(path);
  registerOperationsPaths(path);
  registerConversationPaths(path);
  registerActivityPaths(path);

  // Shopper API
  const shop = z.object({ shop: z.string().describe('shop domain, e.g. demo-shop.myshopify.com') });
  path(
    'post',
    '/api/portal/{shop}/lookup',
    'Shopper',
    'Find an order by number + email; returns a shopper token and per-line eligibility',
    {
      request: {
        params: shop,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({ order: z.string().min(1).max(64), email: z.string().min(3).max(320) }),
            },
          },
        },
      },
      responses: {
        200: json(z.object({ token: z.string(), order: anyObject }), 'Token and order'),
        ...errors([400, 404, 429]),
      },
    },
  );
  path('post', '/api/portal/{shop}/returns', 'Shopper', 'Open a return or exchange', {
    security: [{ shopperToken: [] }],
    request: {
      params: shop,
      headers: z.object({
        'idempotency-key': z
          .string()
          .regex(/^[\x21-\x7e]{1,255}$/)
          .optional()
          .meta({
            description:
              'Retry-safe: a repeat with the same key answers the case the first request opened (with `Idempotent-Replayed: true`) and opens nothing.',
          }),
      }),
      body: {
        required: true,
        content: { 'application/json': { schema: returnRequestSchema.meta({ id: 'ReturnRequest' }) } },
      },
    },
    responses: { 201: json(anyObject, 'The case'), ...errors([400, 401, 422]) },
  });
  path('get', '/api/portal/{shop}/returns/{id}', 'Shopper', 'Status and timeline the shopper may see', {
    security: [{ shopperToken: [] }],
    request: { params: shop.extend({ id: z.string() }) },
    responses: { 200: json(anyObject, 'The case status'), ...errors([401, 404]) },
  });

  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Aftercare API',
      version: '0.1.0',
      description: 'Admin and shopper APIs of Aftercare. Errors are application/problem+json.',
    },
    servers: [{ url: serverUrl }],
  });
}
