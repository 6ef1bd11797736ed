import { renderAdmin } from './render';
import { Hono } from 'hono';
import * as z from 'zod';
import { getShopEvent, listShopEvents, replayEvent } from '../events/admin-events';
import { AppError } from '../http/errors';
import { listOutbox } from '../notifications/outbox-queries';
import { OperationsPage } from '../views/admin/operations-page';
import type { AdminEnv } from './auth/screen-auth';

/** Failed webhook events with replay and the outbox, through the Webhooks and Jobs areas' own queries. */
export const operationsScreens = new Hono<AdminEnv>();

const eventStatus = z.enum(['failed', 'received', 'processed', 'ignored', 'all']).catch('failed');

operationsScreens.get('/operations', async (c) => {
  const s = c.get('services');
  const shop = { id: c.get('shopId'), domain: c.get('shopDomain') };
  const status = eventStatus.parse(c.req.query('events'));
  const [events, outbox] = await Promise.all([
    listShopEvents(s, shop, { status: status === 'all' ? undefined : status, limit: 50 }),
    listOutbox(s, shop.id, { limit: 50 }),
  ]);
  return renderAdmin(
    c,
    <OperationsPage
      shop={shop.domain}
      csrf={c.get('csrf')}
      eventStatus={status}
      events={events.events}
      outbox={outbox.items}
      notice={c.req.query('notice')}
      error={c.req.query('error')}
    />,
  );
});

operationsScreens.post('/events/:id/replay', async (c) => {
  const s = c.get('services');
  const event = await getShopEvent(s, { id: c.get('shopId'), domain: c.get('shopDomain') }, c.req.param('id'));
  const { t } = c.get('fmt');
  if (!event) throw new AppError('not_found', t('operations.noSuchEvent'));
  const result = await replayEvent(s, event);
  const text = result.ok
    ? t('operations.replayed', { topic: event.topic, status: result.status })
    : t('operations.replayFailed', { topic: event.topic, error: result.error });
  return c.redirect(
    `/admin/operations?events=all&${result.ok ? 'notice' : 'error'}=${encodeURIComponent(text.slice(0, 600))}`,
    303,
  );
});
