import { Hono } from 'hono';
import { metricsApi } from '../metrics/metrics-route';
import { eventsAdmin } from './events';
import { adminAuth } from '../auth/api-auth';
import type { AppBindings } from '../../http/types';
import { casesApi } from './cases';
import { policyApi } from './policy';
import { outboxAdmin } from './outbox';
import { reviewsApi } from './reviews';
import { slaApi } from './sla';

/**
 * `/api/admin/*`: every route here is authenticated and scoped to `c.get('shopId')`.
 * Each area mounts its router below (cases, policy, events, outbox, metrics…).
 */
export const adminApi = new Hono<AppBindings>();

adminApi.use('*', adminAuth());
adminApi.route('/', metricsApi);
adminApi.route('/', eventsAdmin);
adminApi.route('/', casesApi);
adminApi.route('/', policyApi);
adminApi.route('/', outboxAdmin);
adminApi.route('/', slaApi);
adminApi.route('/', reviewsApi);
