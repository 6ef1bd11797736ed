/** `/admin/customers` (find a customer) and `/admin/customers/:id` (their one file). */
import { Hono } from 'hono';
import { customerListQuery, listCustomers } from '../conversations/customer-list';
import { customerProfile360, customerProfilePath } from '../conversations/customer-profile';
import { survivorOf } from '../conversations/merge-customers';
import { CustomerNotFoundPage, CustomerProfilePage, CustomersPage } from '../views/admin/customer-pages';
import { customerIdSchema } from './api/customers';
import type { AdminEnv } from './auth/screen-auth';
import { renderAdmin } from './render';

export const customerScreens = new Hono<AdminEnv>();

customerScreens.get('/customers', async (c) => {
  // A malformed query (a hand-edited link) shows the first page rather than an error.
  const parsed = customerListQuery.safeParse(c.req.query());
  const query = parsed.success ? parsed.data : {};
  const page = await listCustomers(c.get('services'), c.get('shopId'), query);
  return renderAdmin(
    c,
    <CustomersPage
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
      q={query.q ?? ''}
      customers={page.customers}
      nextBefore={page.nextBefore}
    />,
  );
});

customerScreens.get('/customers/:id', async (c) => {
  const raw = c.req.param('id');
  const s = c.get('services');
  const shopId = c.get('shopId');
  const notFound = () =>
    renderAdmin(c, <CustomerNotFoundPage shop={c.get('shopDomain')} csrf={c.get('csrf')} id={raw.slice(0, 80)} />, 404);
  if (!customerIdSchema.safeParse(raw).success) return notFound();
  const current = await survivorOf(s, shopId, raw);
  if (current === null) return notFound();
  // A merged record's old link lands on the file it became part of.
  if (current !== raw) return c.redirect(customerProfilePath(current), 301);
  const profile = await customerProfile360(s, shopId, current);
  if (!profile) return notFound();
  return renderAdmin(c, <CustomerProfilePage shop={c.get('shopDomain')} csrf={c.get('csrf')} profile={profile} />);
});
