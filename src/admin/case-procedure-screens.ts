import { Hono } from 'hono';
import { applyCaseAction } from '../commands/apply-case-action';
import { AppError } from '../http/errors';
import { tickNote } from '../help/procedures';
import { runEffects } from '../queue/effects';
import type { AdminEnv } from './auth/screen-auth';
import { caseDetail } from './case-detail';
import { caseProcedure } from './case-procedure';

/** `POST /admin/cases/:id/procedure/:stepId`: tick a step; the tick is a note on the case's timeline. */
export const caseProcedureScreens = new Hono<AdminEnv>();

caseProcedureScreens.post('/cases/:id/procedure/:stepId', async (c) => {
  const s = c.get('services');
  const caseId = c.req.param('id');
  const d = await caseDetail(s, c.get('shopId'), caseId);
  if (!d) throw new AppError('not_found', 'No such case.');
  const step = (await caseProcedure(s, c.get('shopId'), d, 'en')).find((row) => row.id === c.req.param('stepId'));
  if (!step) throw new AppError('not_found', 'This case has no such procedure step.');
  if (!step.ticked) {
    const result = await applyCaseAction(s, {
      shopId: c.get('shopId'),
      caseId,
      actor: c.get('actor'),
      action: { action: 'note', text: tickNote(step) },
    });
    await runEffects(s, result.effects);
  }
  return c.redirect(`/admin/cases/${caseId}?notice=${encodeURIComponent(`Done: ${step.label}`)}#procedure`, 303);
});
