import { Hono } from 'hono';
import { AppError } from '../http/errors';
import { ActivityPage } from '../views/admin/activity-page';
import { activityPage } from './activity-feed';
import type { AdminEnv } from './auth/screen-auth';
import { renderAdmin } from './render';

/** `/admin/activity`: who changed the shop's configuration, when, from what to what. */
export const activityScreens = new Hono<AdminEnv>();

activityScreens.get('/activity', async (c) => {
  const before = c.req.query('before');
  const page = await activityPage(c.get('services'), c.get('shopId'), before).catch((err: unknown) => {
    // A stale or edited page link: said in the member's language, not the API's English.
    if (err instanceof AppError) throw new AppError('validation_failed', c.get('fmt').t('activity.error.cursor'));
    throw err;
  });
  return renderAdmin(
    c,
    <ActivityPage
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
      events={page.events}
      next={page.next}
      paged={!!before}
    />,
  );
});
