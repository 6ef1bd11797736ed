import { Hono } from 'hono';
import { findShopById } from '../db/shops';
import { AppError } from '../http/errors';
import type { AdminEnv } from './auth/screen-auth';
import { caseDetail } from './case-detail';
import { applyMacro } from './case-macros';

/** `POST /admin/cases/:id/macros/:macroId`: send a macro to the customer and run its actions. */
export const caseMacroScreens = new Hono<AdminEnv>();

caseMacroScreens.post('/cases/:id/macros/:macroId', async (c) => {
  const s = c.get('services');
  const caseId = c.req.param('id');
  const [d, shop] = await Promise.all([caseDetail(s, c.get('shopId'), caseId), findShopById(s, c.get('shopId'))]);
  if (!d || !shop) throw new AppError('not_found', 'No such case.');
  const back = (key: 'notice' | 'error', text: string) =>
    c.redirect(`/admin/cases/${caseId}?${key}=${encodeURIComponent(text.slice(0, 800))}`, 303);
  try {
    const macro = await applyMacro(s, shop, d, c.req.param('macroId'), c.get('actor'));
    if (!macro) throw new AppError('not_found', 'No such macro.');
    return back('notice', `Applied macro "${macro.name}".`);
  } catch (e) {
    if (e instanceof AppError && e.status < 500 && e.code !== 'not_found') return back('error', e.message);
    throw e;
  }
});
