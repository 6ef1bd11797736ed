/**
 * The recording `fetch` the Shopify adapter tests share: answers each operation by name with a
 * canned payload and captures URL, method, headers, query and variables; `assertValidRequest`
 * validates the document and the variables against ADMIN_2026_04_EXCERPT with graphql-js.
 */
import { buildSchema, getVariableValues, parse, validate, type OperationDefinitionNode } from 'graphql';
import { expect } from 'vitest';
import { SHOPIFY_ADMIN_API_VERSION } from './admin-client';
import { ADMIN_2026_04_EXCERPT } from './schema-excerpt.test-fixture';
import { createShopifyAdmin } from './shopify-admin';

export const schema = buildSchema(ADMIN_2026_04_EXCERPT);
export const creds = { shop: 'demo-shop.myshopify.com', accessToken: 'shpat_test_token' };

export interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  query: string;
  variables: Record<string, unknown>;
}

/** Answers each operation by name with a canned payload and records the request. */
export function recorder(answers: Record<string, unknown>) {
  const requests: Recorded[] = [];
  const fetchFn = async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { query: string; variables: Record<string, unknown> };
    requests.push({ url, method: String(init.method), headers: Object.fromEntries(new Headers(init.headers).entries()), ...body });
    const name = /(?:mutation|query)\s+(\w+)/.exec(body.query)![1]!;
    const data = answers[name];
    if (data === undefined) return new Response(JSON.stringify({ errors: [{ message: `unexpected ${name}` }] }), { status: 200 });
    return new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { requests, admin: createShopifyAdmin(fetchFn) };
}

export function assertValidRequest(r: Recorded) {
  expect(r.url).toBe(`https://demo-shop.myshopify.com/admin/api/${SHOPIFY_ADMIN_API_VERSION}/graphql.json`);
  expect(SHOPIFY_ADMIN_API_VERSION).toBe('2026-04');
  expect(r.method).toBe('POST');
  expect(r.headers['x-shopify-access-token']).toBe('shpat_test_token');
  expect(r.headers['content-type']).toBe('application/json');
  const doc = parse(r.query);
  expect(validate(schema, doc)).toEqual([]);
  const op = doc.definitions[0] as OperationDefinitionNode;
  const coerced = getVariableValues(schema, op.variableDefinitions ?? [], r.variables);
  expect(coerced.errors ?? []).toEqual([]);
}

