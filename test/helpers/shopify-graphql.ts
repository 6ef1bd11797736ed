/**
 * Shopify Admin GraphQL through MSW: answers each operation by name with a canned payload and
 * records URL, method, headers, query and variables; `assertValidRequest` validates the document
 * and the variables against ADMIN_2026_04_EXCERPT with graphql-js (so a misspelt field, a missing
 * required input or a wrong type fails the test).
 */
import { buildSchema, getVariableValues, parse, validate, type OperationDefinitionNode } from 'graphql';
import { expect } from 'vitest';
import { adminGraphqlUrl, SHOPIFY_ADMIN_API_VERSION } from '../../src/integrations/shopify/admin-client';
import { ADMIN_2026_04_EXCERPT } from '../../src/integrations/shopify/schema-excerpt.test-fixture';
import { createShopifyAdmin } from '../../src/integrations/shopify/shopify-admin';
import { json, type MockHttp } from './msw';

export const schema = buildSchema(ADMIN_2026_04_EXCERPT);
export const creds = { shop: 'demo-shop.myshopify.com', accessToken: 'shpat_test_token' };

export interface RecordedGraphql {
  url: string;
  method: string;
  headers: Record<string, string>;
  query: string;
  variables: Record<string, unknown>;
}

export const operationName = (query: string) => /(?:mutation|query)\s+(\w+)/.exec(query)?.[1] ?? '';

/**
 * The shop's Admin GraphQL endpoint answers `answers[operationName]` as `{ data }`; an operation
 * with no answer gets a top-level GraphQL error (as Shopify answers a bad document). `admin` is the
 * real adapter on its production path (global `fetch`).
 */
export function shopifyGraphql(mock: MockHttp, answers: Record<string, unknown>, shop = creds.shop) {
  const requests: RecordedGraphql[] = [];
  mock.on('post', adminGraphqlUrl(shop), async ({ request }) => {
    const body = (await request.json()) as { query: string; variables: Record<string, unknown> };
    requests.push({
      url: request.url,
      method: request.method,
      headers: Object.fromEntries(request.headers),
      query: body.query,
      variables: body.variables,
    });
    const data = answers[operationName(body.query)];
    if (data === undefined) return json({ errors: [{ message: `unexpected ${operationName(body.query)}` }] });
    return json({ data });
  });
  return { requests, admin: createShopifyAdmin() };
}

export function assertValidRequest(r: RecordedGraphql) {
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
