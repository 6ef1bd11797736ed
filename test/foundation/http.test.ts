import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { AppError } from '../../src/http/errors';

describe('errors and request ids', () => {
  it('answers an unknown route with a problem+json 404 carrying the request id', async () => {
    const res = await exports.default.fetch('https://aftercare.test/no/such/route', {
      headers: { 'x-request-id': 'req-test-1' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('x-request-id')).toBe('req-test-1');
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ status: 404, title: 'Not found', code: 'not_found', requestId: 'req-test-1' });
    expect(body.type).toEqual(expect.any(String));
    expect(body.detail).toContain('/no/such/route');
  });

  it('maps a thrown AppError to its status and an unexpected error to a 500 without leaking it', async () => {
    const app = createApp();
    app.get('/boom/app', () => {
      throw new AppError('unprocessable', 'line 3 is final sale', { extra: { lines: ['3'] } });
    });
    app.get('/boom/raw', () => {
      throw new Error('secret internals');
    });
    const a = await app.request('/boom/app', {}, env);
    expect(a.status).toBe(422);
    expect(a.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await a.json()).toMatchObject({ status: 422, detail: 'line 3 is final sale', lines: ['3'] });

    const b = await app.request('/boom/raw', {}, env);
    expect(b.status).toBe(500);
    const body = await b.json<Record<string, unknown>>();
    expect(body.code).toBe('internal');
    expect(JSON.stringify(body)).not.toContain('secret internals');
    expect(body.requestId).toEqual(b.headers.get('x-request-id'));
  });

  it('replaces an unsafe incoming request id with a fresh one', async () => {
    const res = await exports.default.fetch('https://aftercare.test/healthz', {
      headers: { 'x-request-id': 'bad id <script>' },
    });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GET /healthz', () => {
  it('reports the version, D1 and the latest applied migration', async () => {
    const res = await exports.default.fetch('https://aftercare.test/healthz');
    expect(res.status).toBe(200);
    const body = await res.json<{
      status: string;
      version: string;
      database: { reachable: boolean; migration: string };
    }>();
    const latest = env.TEST_MIGRATIONS.at(-1)!.name;
    expect(body).toEqual({ status: 'ok', version: env.APP_VERSION, database: { reachable: true, migration: latest } });
  });

  it('says degraded (503) when no migration has been applied', async () => {
    const applied = await env.DB.prepare('SELECT name FROM d1_migrations').all<{ name: string }>();
    await env.DB.exec('DELETE FROM d1_migrations');
    try {
      const res = await exports.default.fetch('https://aftercare.test/healthz');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'degraded', database: { migration: null } });
    } finally {
      // The schema is still there: put its record back for the test files that share this database.
      const insert = env.DB.prepare('INSERT INTO d1_migrations (name) VALUES (?)');
      await env.DB.batch(applied.results.map((m) => insert.bind(m.name)));
    }
  });
});
