import { Hono } from 'hono';
import { AppError } from '../http/errors';
import { readForm } from '../http/form-body';
import { assignCase } from '../team/assign-case';
import type { AdminEnv } from './auth/screen-auth';
import { errorText } from './error-text';

/** The case page's assign form: the same `assignCase` (and Dispatcher) as the JSON action. */
export const assignScreen = new Hono<AdminEnv>();

assignScreen.post('/cases/:id/assign', async (c) => {
  const caseId = c.req.param('id');
  const form = await readForm(c);
  const raw = typeof form['memberId'] === 'string' ? form['memberId'] : '';
  const back = (key: 'notice' | 'error', text: string) =>
    c.redirect(`/admin/cases/${caseId}?${key}=${encodeURIComponent(text)}`, 303);
  try {
    const memberId = raw === '' ? null : raw;
    await assignCase(c.get('services'), c.get('principal'), { shopId: c.get('shopId'), caseId, memberId });
    return back('notice', c.get('fmt').t(memberId ? 'case.notice.assigned' : 'case.notice.unassigned'));
  } catch (e) {
    if (e instanceof AppError && e.status < 500 && e.status !== 403) return back('error', errorText(c.get('fmt'), e));
    throw e;
  }
});
