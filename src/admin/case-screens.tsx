import { renderAdmin } from './render';
import { Hono } from 'hono';
import { applyCaseAction } from '../commands/apply-case-action';
import { runEffects } from '../queue/effects';
import { findShopById, shopPolicy } from '../db/shops';
import { AppError } from '../http/errors';
import { CasePage } from '../views/admin/case-page';
import { QueuePage } from '../views/admin/queue-page';
import type { AdminEnv } from './auth/screen-auth';
import { backToCase } from './case-redirect';
import { casePageModel } from './case-page-model';
import type { AdminKey } from '../i18n/admin';
import { caseDetail } from './case-detail';
import { actionFromForm } from './case-form';
import { listQueue, queueQuerySchema } from './queue';
import { slaMarker } from './sla-marker';
import { viewCounts, whoseCases } from './queue-views';
import { listMembers } from '../team/members';
import { holdIfOverLimit } from '../team/money-approval';
import { readForm } from '../http/form-body';
import { can } from '../team/roles';
import { loadSetupChecklist, showsOnQueue } from './setup-checklist';
import { errorText } from './error-text';

/** The queue, bulk approve, the case page and its actions (the same `applyCaseAction` the JSON API runs). */
export const caseScreens = new Hono<AdminEnv>();

caseScreens.get('/', async (c) => {
  const s = c.get('services');
  const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
  const parsed = queueQuerySchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      'validation_failed',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const shop = await findShopById(s, c.get('shopId'));
  const policy = shopPolicy(shop!);
  const who = c.get('principal');
  const members = await listMembers(s, c.get('shopId'));
  // The first-run checklist is read only for whoever can act on it, and not once it was skipped.
  const wantsSetup = can(who.role, 'policy.write') && typeof shop!.settings['setupDismissedAt'] !== 'number';
  const [{ rows, more }, counts, setup] = await Promise.all([
    listQueue(s, c.get('shopId'), parsed.data, whoseCases(parsed.data.view, who, members)),
    viewCounts(s, c.get('shopId'), who, members),
    wantsSetup ? loadSetupChecklist(s, shop!) : undefined,
  ]);
  const now = s.clock.now();
  return renderAdmin(
    c,
    <QueuePage
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
      query={parsed.data}
      rows={rows.map((r) => ({ ...r, sla: slaMarker(r, policy, now) }))}
      more={more}
      counts={counts}
      memberNames={Object.fromEntries(members.map((m) => [m.id, m.name]))}
      notice={c.req.query('notice')}
      error={c.req.query('error')}
      setup={setup && showsOnQueue(setup) ? setup : undefined}
    />,
  );
});

caseScreens.post('/cases/bulk', async (c) => {
  const s = c.get('services');
  const body = await readForm(c, true);
  const ids = (Array.isArray(body.ids) ? body.ids : body.ids === undefined ? [] : [body.ids])
    .filter((x): x is string => typeof x === 'string')
    .slice(0, 100);
  const fmt = c.get('fmt');
  if (ids.length === 0) return c.redirect(`/admin?error=${encodeURIComponent(fmt.t('queue.bulk.none'))}`, 303);
  let approved = 0;
  const failed: string[] = [];
  for (const caseId of ids) {
    try {
      const result = await applyCaseAction(s, {
        shopId: c.get('shopId'),
        caseId,
        actor: c.get('actor'),
        action: { action: 'approve' },
      });
      await runEffects(s, result.effects);
      approved++;
    } catch (e) {
      const why = e instanceof AppError && e.status < 500 ? errorText(fmt, e) : fmt.t('queue.bulk.unknown');
      failed.push(fmt.t('queue.bulk.failed', { case: caseId, why }));
    }
  }
  const notice = fmt.t('queue.bulk.done', { approved, total: ids.length });
  return c.redirect(
    `/admin?notice=${encodeURIComponent(notice)}${failed.length ? `&error=${encodeURIComponent(failed.join(' · ').slice(0, 800))}` : ''}`,
    303,
  );
});

caseScreens.get('/cases/:id', async (c) => {
  const model = await casePageModel(c.get('services'), {
    shopId: c.get('shopId'),
    caseId: c.req.param('id'),
    who: c.get('principal'),
    query: { kb: c.req.query('kb'), use: c.req.query('use'), macro: c.req.query('macro') },
    locale: c.get('fmt').locale,
  });
  if (!model) throw new AppError('not_found', c.get('fmt').t('case.error.notFound'));
  return renderAdmin(
    c,
    <CasePage
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
      {...model}
      notice={c.req.query('notice')}
      error={c.req.query('error')}
    />,
  );
});

caseScreens.post('/cases/:id/actions', async (c) => {
  const s = c.get('services');
  const { t, money } = c.get('fmt');
  const caseId = c.req.param('id');
  const d = await caseDetail(s, c.get('shopId'), caseId);
  if (!d) throw new AppError('not_found', t('case.error.notFound'));
  const back = backToCase(c, caseId);
  const parsed = actionFromForm(await readForm(c, true), d.loaded.row.currency);
  if (!parsed.ok)
    return back(
      'error',
      parsed.error.kind === 'amount' ? t('case.form.amount') : t('case.form.invalid', { detail: parsed.error.detail }),
    );
  const held = await holdIfOverLimit(s, c.get('principal'), { shopId: c.get('shopId'), caseId, action: parsed.action });
  if (held)
    return back(
      'notice',
      t('case.notice.held', { amount: money({ amount: held.amountMinor, currency: held.currency }) }),
    );
  try {
    const result = await applyCaseAction(s, {
      shopId: c.get('shopId'),
      caseId,
      actor: c.get('actor'),
      action: parsed.action,
    });
    await runEffects(s, result.effects);
    const action = t(`case.action.${parsed.action.action}` as AdminKey);
    return back('notice', t('case.notice.done', { action, status: t(`case.status.${result.status}` as AdminKey) }));
  } catch (e) {
    if (e instanceof AppError && e.status < 500) return back('error', errorText(c.get('fmt'), e));
    throw e;
  }
});

/** A return photo, only when it belongs to a case of this shop (R2 keys start with the shop id). */
caseScreens.get('/photos/:caseId/:key', async (c) => {
  const s = c.get('services');
  const d = await caseDetail(s, c.get('shopId'), c.req.param('caseId'));
  const key = c.req.param('key');
  if (!d || !d.loaded.items.some((i) => i.photoKeys.includes(key)) || !key.startsWith(`${c.get('shopId')}/`))
    throw new AppError('not_found', 'No such photo.');
  const obj = await s.env.PHOTOS.get(key);
  if (!obj) throw new AppError('not_found', 'No such photo.');
  return c.body(obj.body, 200, {
    'content-type': obj.httpMetadata?.contentType ?? 'application/octet-stream',
    'cache-control': 'private, max-age=300',
    'x-content-type-options': 'nosniff',
  });
});
