/**
 * `POST /api/portal/:shop/help/:slug/feedback` `{ "visit", "helpful" }`: "did this answer your
 * question?" from a storefront widget, recorded like the help page's form (once per visit and
 * answer; a helpful answer is a question answered without a case). 204; unknown article 404; rate
 * limited with the searches.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import { recordDeflectionOutcome } from '../help/deflections';
import { publishedArticle } from '../help/help-center';
import { recordHelpEvent } from '../help/help-events';
import { AppError } from '../http/errors';
import { closestLocale } from '../i18n';
import type { PortalEnv } from './context';
import { limitHelpSearches } from './help-limit';
import { clientAddress } from './rate-limit';

export const helpFeedbackApi = new Hono<PortalEnv>();

export const helpFeedbackSchema = z.strictObject({
  /** The question's id (16–32 of `A-Za-z0-9_-`), the same for every article read for it. */
  visit: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/),
  helpful: z.boolean(),
  locale: z.string().max(35).optional(),
});

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Two short fields. */
const feedbackLimit = bodyLimit({
  maxSize: 4 * 1024,
  onError: () => {
    throw new AppError('payload_too_large', 'The feedback is too large.');
  },
});

// Counted with the help searches from the same address: votes are anonymous, so they are rate limited.
helpFeedbackApi.post('/:shop/help/:slug/feedback', feedbackLimit, async (c) => {
  await limitHelpSearches(c.env, c.get('shop').id, clientAddress(c.req.raw.headers));
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AppError('bad_request', 'The body must be JSON.');
  }
  const parsed = helpFeedbackSchema.safeParse(body);
  const slug = c.req.param('slug');
  if (!parsed.success || !slugPattern.test(slug))
    throw new AppError('validation_failed', 'Send { "visit", "helpful": true|false } for an article slug.');
  const { visit, helpful } = parsed.data;
  const s = c.get('services');
  const shopId = c.get('shop').id;
  const locale = parsed.data.locale ? closestLocale(parsed.data.locale) : c.get('f').locale;
  const article = await publishedArticle(s, shopId, slug, locale);
  if (!article) throw new AppError('not_found', 'No such help article.');
  await recordHelpEvent(s, shopId, { visit, kind: helpful ? 'helpful' : 'not_helpful', slug, locale: article.locale });
  if (helpful) await recordDeflectionOutcome(s, shopId, { visit, outcome: 'answered', channel: 'help', locale });
  return c.body(null, 204);
});
