import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';

const app = createApp();
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
  components: { schemas: Record<string, unknown> };
};

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and documents every route of the contract', async () => {
    const res = await app.request('/api/openapi.json', {}, env);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths).flatMap(([p, o]) => Object.keys(o).map((m) => `${m.toUpperCase()} ${p}`));
    for (const op of [
      'GET /api/admin/metrics',
      'GET /api/admin/policy',
      'PUT /api/admin/policy',
      'GET /api/admin/cases',
      'GET /api/admin/cases/{id}',
      'POST /api/admin/cases/{id}/actions',
      'GET /api/admin/orders/{id}',
      'GET /api/admin/outbox',
      'GET /api/admin/events',
      'POST /api/admin/events/{id}/replay',
      'POST /api/portal/{shop}/lookup',
      'POST /api/portal/{shop}/returns',
      'GET /api/portal/{shop}/returns/{id}',
    ])
      expect(ops).toContain(op);
  });

  it('documents every help-center route the app registers: articles, macros, procedures, search, feedback', async () => {
    const doc = (await (await app.request('/api/openapi.json', {}, env)).json()) as Doc;
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, o]) => Object.keys(o).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const help = app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`)
      .filter((op) => /\/api\/admin\/(articles|macros|procedures)|\/api\/portal\/\{shop\}\/help/.test(op));
    expect(help.length).toBeGreaterThanOrEqual(17);
    expect(help.filter((op) => !documented.has(op))).toEqual([]);
    for (const op of [
      'POST /api/admin/procedures',
      'DELETE /api/admin/macros/{id}',
      'POST /api/portal/{shop}/help/{slug}/feedback',
    ])
      expect(help).toContain(op);
    const procedure = JSON.stringify(doc.paths['/api/admin/procedures']!.post!.requestBody);
    expect(JSON.stringify(doc.components.schemas.ProcedureInput ?? procedure)).toContain('caseTypes');
  });

  it('documents only routes the app really registers', async () => {
    const doc = (await (await app.request('/api/openapi.json', {}, env)).json()) as Doc;
    const registered = new Set(
      app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const missing = Object.entries(doc.paths)
      .flatMap(([p, o]) => Object.keys(o).map((m) => `${m.toUpperCase()} ${p}`))
      .filter((op) => !registered.has(op));
    // Routes other areas have not landed yet are reported here rather than hidden.
    expect.soft(missing, `documented but not registered: ${missing.join(', ')}`).toEqual([]);
  });

  it('documents every admin API route the app registers (a new route without an entry fails here)', async () => {
    const doc = (await (await app.request('/api/openapi.json', {}, env)).json()) as Doc;
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, o]) => Object.keys(o).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const admin = [
      ...new Set(
        app.routes
          .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/admin/'))
          .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
      ),
    ];
    expect(admin.length).toBeGreaterThan(30);
    expect(admin.filter((op) => !documented.has(op))).toEqual([]);
    for (const op of [
      'GET /api/admin/members',
      'PATCH /api/admin/members/{id}',
      'DELETE /api/admin/members/{id}/tokens/{tokenId}',
      'PUT /api/admin/articles/{id}',
      'DELETE /api/admin/macros/{id}',
      'POST /api/admin/action-items/{id}/close',
      'GET /api/admin/alerts',
    ])
      expect(documented).toContain(op);
    const invite = JSON.stringify(doc.components.schemas.MemberInput);
    expect(invite).toContain('capacity');
    expect(JSON.stringify(doc.components.schemas.MacroInput)).toContain('bodies');
  });

  it('generates the request bodies from the zod schemas the routes validate with', async () => {
    const doc = (await (await app.request('/api/openapi.json', {}, env)).json()) as Doc;
    const put = doc.paths['/api/admin/policy']!.put!.requestBody!.content['application/json']!.schema as {
      $ref?: string;
      properties?: Record<string, unknown>;
    };
    const policy = (put.$ref ? doc.components.schemas[put.$ref.split('/').pop()!] : put) as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(policy.properties)).toEqual(
      expect.arrayContaining(['returnWindowDays', 'reasons', 'sla', 'serialReturner']),
    );
    expect(policy.required).toContain('returnWindowDays');
    const action = JSON.stringify(doc.paths['/api/admin/cases/{id}/actions']!.post!.requestBody);
    expect(JSON.stringify(doc.components.schemas.CaseAction ?? action)).toContain('request_info');
    expect(JSON.stringify(doc.components.schemas.DashboardMetrics)).toContain('returnRate');
  });

  it('serves a readable reference page without scripts', async () => {
    const res = await app.request('/api/docs', {}, env);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('POST /api/admin/cases/{id}/actions');
    expect(html).toContain('returnWindowDays');
    expect(html).not.toContain('<script');
  });
});

describe('the served OpenAPI file', () => {
  it('is exactly what the zod schemas generate now (run `npm run openapi` after changing a schema)', async () => {
    const { buildOpenApiDocument } = await import('../../src/admin/openapi/document');
    const served = await (await app.request('/api/openapi.json', {}, env)).json();
    expect(served).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument('/'))));
  });
});
