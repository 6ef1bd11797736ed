import { Hono } from 'hono';
import { applyCaseAction } from '../commands/apply-case-action';
import { AppError } from '../http/errors';
import { readForm } from '../http/form-body';
import type { AdminKey } from '../i18n/admin';
import { runEffects } from '../queue/effects';
import { claimHeld, declineHeld, pendingHeld } from '../team/money-approval';
import type { AdminEnv } from './auth/screen-auth';
import { backToCase } from './case-redirect';
import { errorText } from './error-text';

/**
 * `POST /admin/cases/:id/approvals/:requestId` (`decision=approve|decline`): a manager settles money
 * held above its requester's limit, the same `claimHeld`/`declineHeld` as the API's
 * `approve_money`/`decline_money`. Anyone else is refused (403), as on the API.
 */
export const caseHeldScreens = new Hono<AdminEnv>();

caseHeldScreens.post('/cases/:id/approvals/:requestId', async (c) => {
  const s = c.get('services');
  const { t, money } = c.get('fmt');
  const input = { shopId: c.get('shopId'), caseId: c.req.param('id'), requestId: c.req.param('requestId') };
  const back = backToCase(c, input.caseId);
  const form = await readForm(c, true);
  const decision = form.decision === 'decline' ? 'decline' : form.decision === 'approve' ? 'approve' : null;
  if (!decision) throw new AppError('validation_failed', 'decision: approve or decline');
  const held = (await pendingHeld(s, input.shopId, input.caseId)).find((h) => h.requestId === input.requestId);
  const amount = held ? money({ amount: held.amountMinor, currency: held.currency }) : '';
  try {
    if (decision === 'decline') {
      const reason =
        typeof form.reason === 'string' && form.reason.trim() ? form.reason.trim().slice(0, 500) : undefined;
      await declineHeld(s, c.get('principal'), { ...input, reason });
      return back('notice', t('case.notice.declined', { amount }));
    }
    const action = await claimHeld(s, c.get('principal'), input);
    const result = await applyCaseAction(s, {
      shopId: input.shopId,
      caseId: input.caseId,
      actor: c.get('actor'),
      action,
    });
    await runEffects(s, result.effects);
    return back('notice', t('case.notice.approved', { action: t(`case.action.${action.action}` as AdminKey), amount }));
  } catch (e) {
    if (e instanceof AppError && e.status < 500 && e.status !== 403 && e.code !== 'not_found')
      return back('error', errorText(c.get('fmt'), e));
    throw e;
  }
});
