/**
 * Outbound HTTP in tests goes through MSW. `@cloudflare/vitest-pool-workers` 0.15 loads
 * `msw/node` as `msw/native` (its FetchInterceptor patches the isolate's global `fetch`), and the
 * Worker under test runs in that same isolate, so a request the Worker makes from `fetch`, `queue`
 * or `scheduled` is answered here. It needs `nodejs_compat` (wrangler.toml has it).
 *
 * `mockHttp()` registers the server for one test file: every request is recorded (URL, method,
 * headers, body) before its handler answers, and a request no handler matches is refused AND
 * fails the test in `afterEach` (an adapter that catches fetch errors would otherwise hide it).
 */
import { http, HttpResponse, type HttpResponseResolver, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export { http, HttpResponse };

export interface RecordedRequest {
  url: string;
  method: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  idempotencyKey: string | null;
  text: string;
  /** The body parsed as JSON (undefined when empty). */
  json: unknown;
  /** The body as a form (Stripe's `application/x-www-form-urlencoded`). */
  form: URLSearchParams;
}

async function snapshot(request: Request): Promise<RecordedRequest> {
  // Bytes, decoded: workerd warns on `.text()` of a form body (Stripe's), though it is text.
  const text =
    request.method === 'GET' || request.method === 'HEAD'
      ? ''
      : new TextDecoder().decode(await request.clone().arrayBuffer());
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    url: request.url,
    method: request.method,
    headers: Object.fromEntries(request.headers),
    idempotencyKey: request.headers.get('idempotency-key'),
    text,
    json,
    form: new URLSearchParams(text),
  };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface MockHttp {
  /** Every matched request of the current test, in order (cleared after each test). */
  requests: RecordedRequest[];
  /** Answer `method url` with `resolver` for the rest of this test; the request is recorded first. */
  on(method: Method, url: string | RegExp, resolver: HttpResponseResolver): void;
  /** Replace handlers with raw MSW ones (not recorded). */
  use(...handlers: RequestHandler[]): void;
  /** The recorded requests to one URL prefix. */
  to(urlPrefix: string): RecordedRequest[];
  /** `METHOD url` of requests no handler matched in this test; `afterEach` fails the test unless empty. */
  unhandled: string[];
}

export function mockHttp(): MockHttp {
  const requests: RecordedRequest[] = [];
  const unhandled: string[] = [];
  // The last handler answers whatever no test handler matched with a network error, so an
  // unexpected request never leaves the machine: inside workerd MSW's own "error" strategy still let
  // the request through to the network (a DNS lookup was attempted).
  const server = setupServer(
    http.all('*', ({ request }) => {
      unhandled.push(`${request.method} ${request.url}`);
      console.error(`[msw] no handler expected ${request.method} ${request.url}`);
      return HttpResponse.error();
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
    expect(unhandled.splice(0), 'outbound requests no MSW handler expected').toEqual([]);
  });
  afterAll(() => server.close());
  return {
    requests,
    on(method, url, resolver) {
      server.use(
        http[method](url, async (info) => {
          requests.push(await snapshot(info.request as unknown as Request));
          return resolver(info);
        }),
      );
    },
    use: (...handlers) => server.use(...handlers),
    to: (prefix) => requests.filter((r) => r.url.startsWith(prefix)),
    unhandled,
  };
}

/** A JSON answer with the content type providers send. */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  HttpResponse.json(body as never, { status, headers });

/** Answers in order, one per request; one more request than scripted is a test failure. */
export function script(...answers: Array<Response | Error | (() => Response | Error)>): HttpResponseResolver {
  let i = 0;
  return () => {
    const next = answers[i++];
    if (next === undefined) throw new Error(`script: unexpected request #${i}`);
    const answer = typeof next === 'function' ? next() : next;
    if (answer instanceof Error) return HttpResponse.error();
    return answer;
  };
}
