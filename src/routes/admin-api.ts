import { Hono } from 'hono';
import { metricsApi } from '../admin/metrics/metrics-route';
import { eventsAdmin } from '../events/admin-routes';
import { adminAuth } from '../http/admin-auth';
import type { AppBindings } from '../http/types';
import { casesApi } from './cases';
import { policyApi } from './policy';
import { outboxAdmin } from '../jobs/outbox-routes';
import { slaApi } from '../sla/routes';

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
