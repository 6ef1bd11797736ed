import { Hono } from 'hono';
import type { AppBindings } from '../http/types';
import { receiveShopifyWebhook } from './shopify';
import { receiveStripeWebhook } from './stripe';

/** `/webhooks/*`: the ack paths. Mounted in `createApp`. */
export const webhooks = new Hono<AppBindings>();

webhooks.post('/shopify', receiveShopifyWebhook);
webhooks.post('/stripe', receiveStripeWebhook);
