import { Hono } from 'hono';
import { metricsApi } from '../metrics/metrics-route';
import { eventsAdmin } from './events';
import { adminAuth } from '../auth/api-auth';
import { authorize } from '../auth/authorize';
import type { AppBindings } from '../../http/types';
import { articlesApi } from './articles';
import { macrosApi } from './macros';
import { proceduresApi } from './procedures';
import { casesApi } from './cases';
import { policyApi } from './policy';
import { outboxAdmin } from './outbox';
import { reviewsApi } from './reviews';
import { slaApi } from './sla';
import { customersApi } from './customers';
import { membersApi } from './members';
import { supportAddressesApi } from './support-addresses';
import { activityApi } from './activity';

/**
 * `/api/admin/*`: every route here is authenticated and scoped to `c.get('shopId')`.
 * Each area mounts its router below (cases, policy, events, outbox, metrics…).
 */
export const adminApi = new Hono<AppBindings>();

adminApi.use('*', adminAuth(), authorize());
adminApi.route('/', metricsApi);
adminApi.route('/', eventsAdmin);
adminApi.route('/', casesApi);
adminApi.route('/', policyApi);
adminApi.route('/', outboxAdmin);
adminApi.route('/', slaApi);
adminApi.route('/', articlesApi);
adminApi.route('/', macrosApi);
adminApi.route('/', proceduresApi);
adminApi.route('/', customersApi);
adminApi.route('/', supportAddressesApi);
adminApi.route('/', membersApi);
adminApi.route('/', reviewsApi);
adminApi.route('/', activityApi);
