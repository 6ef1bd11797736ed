/** The customers and support-address routes of the OpenAPI document (src/admin/openapi/document.ts). */
import * as z from 'zod';
import { customerListQuery } from '../../conversations/customer-list';
import { supportAddressInput, supportAddressPatch, supportAddressSchema } from '../../conversations/support-addresses';
import { admin, anyObject, errors, json, type PathFn } from './parts';

export function registerConversationPaths(path: PathFn): void {
  path('get', '/api/admin/customers', 'Admin', 'Customers by name, email, Shopify id or #order, newest first', {
    security: admin,
    request: { query: customerListQuery },
    responses: { 200: json(anyObject, 'A page of customers and the next cursor'), ...errors([400, 401]) },
  });
  const addressParams = z.object({ address: z.string().describe('the support address, e.g. support@shop.example') });
  path('get', '/api/admin/support-addresses', 'Admin', 'Where the shop’s support mail arrives', {
    security: admin,
    responses: {
      200: json(z.object({ addresses: z.array(supportAddressSchema) }), 'The addresses, primary first'),
      ...errors([401]),
    },
  });
  path('post', '/api/admin/support-addresses', 'Admin', 'Add a support address (route it to the Worker too)', {
    security: admin,
    request: { body: { required: true, content: { 'application/json': { schema: supportAddressInput } } } },
    responses: { 201: json(supportAddressSchema, 'The new address'), ...errors([400, 401, 409, 415]) },
  });
  path(
    'patch',
    '/api/admin/support-addresses/{address}',
    'Admin',
    'Change its reply-from address, or make it primary',
    {
      security: admin,
      request: {
        params: addressParams,
        body: { required: true, content: { 'application/json': { schema: supportAddressPatch } } },
      },
      responses: { 200: json(supportAddressSchema, 'The address'), ...errors([400, 401, 404, 415]) },
    },
  );
  path('delete', '/api/admin/support-addresses/{address}', 'Admin', 'Stop receiving mail at an address', {
    security: admin,
    request: { params: addressParams },
    responses: { 204: { description: 'Removed' }, ...errors([400, 401, 404]) },
  });
}
