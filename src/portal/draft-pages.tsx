/**
 * Reading the draft on the review and submit steps, and the page a shopper sees when it cannot be
 * read: an altered draft (400) or one older than `DRAFT_TTL_MS` (410), in their language, with the
 * way back to the choose step. Nothing was written, so choosing again is always safe.
 */
import { ErrorPage } from '../views/portal/error-page';
import type { PortalContext } from './context';
import { readDraft, type DraftCarrier, type DraftRead } from './draft';
import { readDraftCookie } from './draft-cookie';
import { viewContext } from './page-session';
import type { ShopperClaims } from './token';

export const draftCarrier = (c: PortalContext): DraftCarrier => (c.get('proxied') ? 'proxy-url' : 'cookie');

/** The draft the review page shows: the cookie on `/portal/<shop>`, the link's `d` behind the proxy. */
export function reviewDraft(c: PortalContext): string | undefined {
  return c.get('proxied') ? c.req.query('d') : readDraftCookie(c);
}

export function readDraftFor(c: PortalContext, claims: ShopperClaims, draft: unknown): Promise<DraftRead> {
  const s = c.get('services');
  return readDraft(s.settings.APP_SECRET, claims, draft, { now: s.clock.now(), carrier: draftCarrier(c) });
}

export async function draftRefusedPage(
  c: PortalContext,
  sess: { claims: ShopperClaims; token: string },
  reason: 'invalid' | 'expired',
): Promise<Response> {
  const view = await viewContext(c, sess.claims.sessionId, sess.token);
  // Refused on the submit (a POST): the language links lead to the choose step, which a link can open.
  const ctx = c.req.method === 'GET' ? view : { ...view, here: `${view.base}/order` };
  const t = ctx.f.t;
  const [title, hint] =
    reason === 'expired'
      ? [t('error.draftExpired'), t('error.draftExpired.hint')]
      : [t('error.draftInvalid'), t('error.draftInvalid.hint')];
  c.header('cache-control', 'no-store');
  return c.html(
    <ErrorPage
      ctx={ctx}
      lang={ctx.f.locale}
      heading={t('portal.title')}
      title={title}
      hint={hint}
      back={ctx.base}
      backPath="/order"
      backLabel={t('error.chooseAgain')}
    />,
    reason === 'expired' ? 410 : 400,
  );
}
