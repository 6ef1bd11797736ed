/**
 * `GET/PUT /api/admin/policy` (the policy document; PUT takes what GET returns, changed) and
 * `GET/PUT /api/admin/taxonomy` (the merchant's tags and reason codes, backed by `tags`).
 */
import { Hono } from 'hono';
import { policySchema } from '../../cases/policy-schema';
import { readTaxonomy, replaceTaxonomy, taxonomySchema } from '../../db/taxonomy';
import { findShopById, shopPolicy } from '../../db/shops';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { savePolicy } from '../settings-store';
import { jsonBody, parseOr400 } from './validate';

export const policyApi = new Hono<AppBindings>();

policyApi.get('/policy', async (c) => {
  const shop = await findShopById(c.get('services'), c.get('shopId'));
  if (!shop) throw new AppError('not_found', 'No such shop.');
  return c.json(shopPolicy(shop));
});

policyApi.put('/policy', async (c) => {
  const policy = parseOr400(policySchema, await jsonBody(c.req), 'The policy');
  if (policy.sla.calendar === 'business' && !policy.sla.businessHours) {
    throw new AppError('validation_failed', 'A business-hours SLA calendar needs sla.businessHours.', {
      extra: { errors: [{ path: 'sla.businessHours', message: 'required when calendar is "business"' }] },
    });
  }
  const codes = policy.reasons.map((r) => r.code);
  if (new Set(codes).size !== codes.length) {
    throw new AppError('validation_failed', 'Reason codes must be unique.', {
      extra: { errors: [{ path: 'reasons', message: 'duplicate code' }] },
    });
  }
  const s = c.get('services');
  const shop = await findShopById(s, c.get('shopId'));
  if (!shop) throw new AppError('not_found', 'No such shop.');
  await savePolicy(s, shop.id, { before: shopPolicy(shop), policy, actor: c.get('actor') });
  return c.json(policy);
});

policyApi.get('/taxonomy', async (c) => c.json(await readTaxonomy(c.get('services'), c.get('shopId'))));

policyApi.put('/taxonomy', async (c) => {
  const body = parseOr400(taxonomySchema, await jsonBody(c.req), 'The taxonomy');
  const s = c.get('services');
  await replaceTaxonomy(s, c.get('shopId'), body, c.get('actor'));
  return c.json(await readTaxonomy(s, c.get('shopId')));
});
