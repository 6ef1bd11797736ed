import { Hono } from 'hono';
import { applyCaseAction } from '../commands/apply-case-action';
import { caseActionSchema } from '../commands/case-action-schema';
import { AppError } from '../http/errors';
import { readForm } from '../http/form-body';
import { runEffects } from '../queue/effects';
import type { AdminEnv } from './auth/screen-auth';
import { applyMacroFollowUps } from './case-macros';
import { backToCase } from './case-redirect';
import { errorText } from './error-text';
import { formIssuesText } from './form-issues';

/**
 * `POST /admin/cases/:id/reply`: the case page's reply box. A reply goes to the customer through the
 * conversation's reply path (the `reply` action), a note stays with the team; the form's one-time
 * key makes a double submit act once. A reply written from a macro then runs the macro's tags/close.
 */
export const caseReplyScreens = new Hono<AdminEnv>();

const field = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? form[name] : '');

caseReplyScreens.post('/cases/:id/reply', async (c) => {
  const s = c.get('services');
  const { t } = c.get('fmt');
  const caseId = c.req.param('id');
  const back = backToCase(c, caseId, '#conversation');
  const form = await readForm(c, true);
  const kind = field(form, 'kind') === 'note' ? 'note' : 'reply';
  const body = field(form, 'body').trim();
  const key = field(form, 'key') || undefined;
  if (!body) return back('error', t('case.error.emptyReply'));
  const parsed = caseActionSchema.safeParse(
    kind === 'note' ? { action: 'note', text: body, key } : { action: 'reply', body, key },
  );
  if (!parsed.success) {
    const labels = { body: 'form.field.message', text: 'form.field.message' } as const;
    return back('error', formIssuesText(c.get('fmt'), parsed.error.issues, labels).join(' '));
  }
  const input = { shopId: c.get('shopId'), caseId, actor: c.get('actor') };
  try {
    const result = await applyCaseAction(s, { ...input, action: parsed.data });
    await runEffects(s, result.effects);
    const macroId = field(form, 'macro');
    const macro = kind === 'reply' && macroId ? await applyMacroFollowUps(s, { ...input, macroId }) : null;
    if (macro) return back('notice', t('case.notice.macro', { name: macro.name }));
    return back('notice', t(kind === 'note' ? 'case.notice.noted' : 'case.notice.sent'));
  } catch (e) {
    if (e instanceof AppError && e.extra?.reason === 'already_submitted')
      return back('notice', t('case.notice.already'));
    if (e instanceof AppError && e.status < 500 && e.code !== 'not_found')
      return back('error', errorText(c.get('fmt'), e));
    throw e;
  }
});
