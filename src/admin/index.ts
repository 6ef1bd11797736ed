import { Hono } from 'hono';
import type { AppBindings } from '../http/types';
import { authRoutes } from './auth-routes';
import { adminScreenAuth, type AdminEnv } from './auth/screen-auth';
import { caseScreens } from './case-screens';
import { dashboardScreens } from './dashboard-screens';
import { openApiRoutes } from './openapi/routes';
import { operationsScreens } from './operations-screens';
import { reviewScreens } from './review-screens';
import { settingsScreens } from './settings-screens';
import { templateScreens } from './template-screens';

/**
 * Everything the merchant's browser reaches outside `/api/admin`: login and Shopify install
 * (`/admin/login`, `/auth/shopify…`), then the screens under `/admin`, each behind the cookie
 * session (or an embedded App Bridge token) with CSRF checks on every form.
 */
export const adminSite = new Hono<AppBindings>();
adminSite.route('/', authRoutes);
adminSite.route('/', openApiRoutes);

const screens = new Hono<AdminEnv>();
screens.use('*', adminScreenAuth());
screens.route('/', caseScreens);
screens.route('/', dashboardScreens);
screens.route('/', operationsScreens);
screens.route('/', settingsScreens);
screens.route('/', templateScreens);
screens.route('/', reviewScreens);
adminSite.route('/admin', screens);
