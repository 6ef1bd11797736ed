import { Hono } from 'hono';
import type { AppBindings } from '../http/types';
import { authRoutes } from './auth-routes';
import { signInRoutes } from './sign-in-routes';
import { adminScreenAuth, type AdminEnv } from './auth/screen-auth';
import { caseHeldScreens } from './case-held-screens';
import { caseReplyScreens } from './case-reply-screens';
import { caseProcedureScreens } from './case-procedure-screens';
import { procedureScreens } from './procedure-screens';
import { authorize } from './auth/authorize';
import { caseScreens } from './case-screens';
import { dashboardScreens } from './dashboard-screens';
import { helpScreens } from './help-screens';
import { openApiRoutes } from './openapi/routes';
import { operationsScreens } from './operations-screens';
import { reviewScreens } from './review-screens';
import { settingsScreens } from './settings-screens';
import { templateScreens } from './template-screens';
import { teamScreens } from './team-screens';
import { assignScreen } from './assign-screen';
import { customerScreens } from './customer-screens';
import { supportEmailScreens } from './support-email-screens';
import { setupScreens } from './setup-screens';
import { activityScreens } from './activity-screens';

/**
 * Everything the merchant's browser reaches outside `/api/admin`: login and Shopify install
 * (`/admin/login`, `/auth/shopify…`), then the screens under `/admin`, each behind the cookie
 * session (or an embedded App Bridge token) with CSRF checks on every form.
 */
export const adminSite = new Hono<AppBindings>();
adminSite.route('/', authRoutes);
adminSite.route('/', signInRoutes);
adminSite.route('/', openApiRoutes);

const screens = new Hono<AdminEnv>();
screens.use('*', adminScreenAuth(), authorize());
screens.route('/', caseScreens);
screens.route('/', caseReplyScreens);
screens.route('/', caseHeldScreens);
screens.route('/', caseProcedureScreens);
// Before helpScreens: its `/help/:id` would take `/help/procedures` for an article id.
screens.route('/', procedureScreens);
screens.route('/', helpScreens);
screens.route('/', dashboardScreens);
screens.route('/', operationsScreens);
screens.route('/', settingsScreens);
screens.route('/', templateScreens);
screens.route('/', teamScreens);
screens.route('/', assignScreen);
screens.route('/', reviewScreens);
screens.route('/', customerScreens);
screens.route('/', supportEmailScreens);
screens.route('/', setupScreens);
screens.route('/', activityScreens);
adminSite.route('/admin', screens);
