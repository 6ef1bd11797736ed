/** `/api/admin/customers/:id`: the customer's profile (src/conversations/customer-profile.ts). */
import { Hono } from 'hono';
import * as z from 'zod';
import { customerProfile360 } from '../../conversations/customer-profile';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import { parseOr400 } from './validate';

export const customersApi = new Hono<AppBindings>();

customersApi.get('/customers/:id', async (c) => {
  const id = parseOr400(z.string().regex(/^cus_[0-9A-Za-z_]{1,64}$/), c.req.param('id'), 'The customer id');
  const profile = await customerProfile360(c.get('services'), c.get('shopId'), id);
  if (!profile) throw new AppError('not_found', `No customer ${id}.`);
  return c.json(profile);
});
