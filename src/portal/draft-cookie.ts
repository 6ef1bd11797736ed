/**
 * The draft's cookie on `/portal/<shop>`: http-only, SameSite=Lax, scoped to the review path and
 * living as long as the draft, so the chosen return never appears in a URL, a log line, a Referer
 * or the browser history. A draft can outgrow one cookie (browsers keep about 4 kB each), so it is
 * cut into numbered chunks; writing a shorter draft deletes the chunks it no longer needs (always:
 * the choose step, outside the cookie's path, cannot see which the browser holds).
 */
import { getCookie, setCookie } from 'hono/cookie';
import { cookieOptions, type PortalContext } from './context';
import { DRAFT_TTL_MS, MAX_DRAFT_LENGTH } from './draft';

export const DRAFT_COOKIE = 'ac_draft';
const CHUNK = 3800;
const MAX_CHUNKS = Math.ceil(MAX_DRAFT_LENGTH / CHUNK);

/** Only the review page reads the cookie; the submit reads the draft the review form posts. */
const draftPath = (c: PortalContext) => `${c.get('base')}/review`;

export function setDraftCookie(c: PortalContext, draft: string): void {
  const options = { ...cookieOptions(c, DRAFT_TTL_MS / 1000), path: draftPath(c) };
  const chunks = Math.ceil(draft.length / CHUNK);
  for (let i = 0; i < MAX_CHUNKS; i++) {
    if (i < chunks) setCookie(c, `${DRAFT_COOKIE}${i}`, draft.slice(i * CHUNK, (i + 1) * CHUNK), options);
    else setCookie(c, `${DRAFT_COOKIE}${i}`, '', { ...options, maxAge: 0 });
  }
}

/** The draft as the browser sent it back, or undefined when it holds none. */
export function readDraftCookie(c: PortalContext): string | undefined {
  let draft = '';
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const part = getCookie(c, `${DRAFT_COOKIE}${i}`);
    if (part === undefined) break;
    draft += part;
  }
  return draft || undefined;
}

/** After the submit: the review path no longer holds a draft. */
export function clearDraftCookie(c: PortalContext): void {
  const options = { ...cookieOptions(c, 0), path: draftPath(c) };
  for (let i = 0; i < MAX_CHUNKS; i++) setCookie(c, `${DRAFT_COOKIE}${i}`, '', options);
}
