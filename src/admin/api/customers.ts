/**
 * `/api/admin/customers`: find customers (src/conversations/customer-list.ts) and
 * `/api/admin/customers/:id`, the customer's profile (src/conversations/customer-profile.ts). The id
 * of a record merged into another answers the survivor's profile.
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { customerListQuery, listCustomers } from '../../conversations/customer-list';
import { customerProfile360 } from '../../conversations/customer-profile';
import { survivorOf } from '../../conversations/merge-customers';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { parseOr400 } from './validate';

export const customersApi = new Hono<AppBindings>();

export const customerIdSchema = z.string().regex(/^cus_[0-9A-Za-z_]{1,64}$/);

customersApi.get('/customers', async (c) => {
  const query = parseOr400(customerListQuery, c.req.query(), 'The query');
  return c.json(await listCustomers(c.get('services'), c.get('shopId'), query));
});

customersApi.get('/customers/:id', async (c) => {
  const id = parseOr400(customerIdSchema, c.req.param('id'), 'The customer id');
  const s = c.get('services');
  const current = await survivorOf(s, c.get('shopId'), id);
  const profile = current ? await customerProfile360(s, c.get('shopId'), current) : null;
  if (!profile) throw new AppError('not_found', `No customer ${id}.`);
  return c.json(profile);
});
