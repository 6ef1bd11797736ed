/**
 * `GET/POST /api/admin/support-addresses`, `PATCH/DELETE /api/admin/support-addresses/:address`:
 * the shop's inbound support addresses (src/conversations/support-addresses.ts). Bad input is a
 * 400, an address another shop (or this one) already has a 409, one this shop lacks a 404.
 */
import { Hono } from 'hono';
import {
  createSupportAddress,
  listSupportAddresses,
  removeSupportAddress,
  supportAddressInput,
  supportAddressParam,
  supportAddressPatch,
  updateSupportAddress,
} from '../../conversations/support-addresses';
import type { AppBindings } from '../../http/types';
import { jsonBody, parseOr400 } from './validate';

export const supportAddressesApi = new Hono<AppBindings>();

const addressParam = (raw: string) => parseOr400(supportAddressParam, raw, 'The address');

supportAddressesApi.get('/support-addresses', async (c) => {
  return c.json({ addresses: await listSupportAddresses(c.get('services'), c.get('shopId')) });
});

supportAddressesApi.post('/support-addresses', async (c) => {
  const input = parseOr400(supportAddressInput, await jsonBody(c.req), 'The support address');
  return c.json(await createSupportAddress(c.get('services'), c.get('shopId'), input, c.get('actor')), 201);
});

supportAddressesApi.patch('/support-addresses/:address', async (c) => {
  const address = addressParam(c.req.param('address'));
  const patch = parseOr400(supportAddressPatch, await jsonBody(c.req), 'The change');
  return c.json(await updateSupportAddress(c.get('services'), c.get('shopId'), address, patch, c.get('actor')));
});

supportAddressesApi.delete('/support-addresses/:address', async (c) => {
  await removeSupportAddress(c.get('services'), c.get('shopId'), addressParam(c.req.param('address')), c.get('actor'));
  return c.body(null, 204);
});
