import { closestLocale } from '../i18n';
import { and, eq } from 'drizzle-orm';
import { messageTemplates, shops, unsubscribes } from '../db/schema';
import type { Services } from '../services';
import { MerchantTemplateError, renderNotification, type RenderedMessage } from './render';
import type { NotificationKind, TemplateVars } from './template-vars';

export type { NotificationKind, TemplateVars } from './template-vars';

export interface NotificationInput<K extends NotificationKind = NotificationKind> {
  shopId: string;
  kind: K;
  /** Email address (channel `email`). */
  recipient: string;
  /** The shopper's (or merchant's) language; unknown languages fall back to English. */
  locale: string | null | undefined;
  vars: TemplateVars<K>;
  /** One message per business fact, e.g. `delay:<shipment>:<episode>`; unique per shop. */
  dedupeKey: string;
  caseId?: string | null;
  orderId?: string | null;
  /** Not before this time (epoch ms); the sweep delivers it when due. */
  sendAfter?: number | null;
  /**
   * Insert only if this SQL finds a row when the batch runs (`SELECT 1 FROM … WHERE …`, `?` params):
   * ties the message to the guarded state change before it in the same batch.
   */
  onlyIf?: { sql: string; params: unknown[] };
}

/** Kinds a recipient can opt out of with the link in the email (transactional mail is always sent). */
const optOutScope: Partial<Record<NotificationKind, string>> = { survey: 'surveys' };

/**
 * Renders the notification (the shop's override from `message_templates` for the language, else the
 * bundled file in `templates/`, English as the fallback) and returns the `INSERT OR IGNORE` of its
 * outbox row, for the CALLER's `db.batch` next to the state change it reports: the message exists
 * exactly when the fact does, and a repeat of the same fact (same `dedupeKey`) inserts nothing.
 * Delivery happens later (`deliver-notification` job, or the sweep for rows never enqueued).
 */
export async function prepareNotification<K extends NotificationKind>(
  s: Services,
  input: NotificationInput<K>,
): Promise<D1PreparedStatement> {
  // A shop's own template that fails (too big, a loop past the limits, a typo) fails this message
  // alone: its row is written `failed` with the reason, and the fact it reports is still recorded.
  const rendered = await renderFor(s, input).catch((err: unknown) => {
    if (!(err instanceof MerchantTemplateError)) throw err;
    return { subject: '', text: '', html: null, locale: err.locale, failure: err.message.slice(0, 1000) };
  });
  const failure = 'failure' in rendered ? rendered.failure : null;
  const now = s.clock.now();
  const recipient = input.recipient.trim();
  const scope = optOutScope[input.kind];
  const optedOut = scope ? await isUnsubscribed(s, input.shopId, recipient, scope) : false;
  return s
    .d1(input.shopId)
    .prepare(
      `INSERT OR IGNORE INTO notifications
        (id, shop_id, case_id, order_id, kind, channel, recipient, locale, subject, body_text, body_html,
         status, attempts, last_error, dedupe_key, send_after, created_at, updated_at)
       SELECT ?, ?, ?, ?, ?, 'email', ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?
       WHERE ${input.onlyIf ? `EXISTS (${input.onlyIf.sql})` : '1'}`,
    )
    .bind(
      s.newId('ntf'),
      input.shopId,
      input.caseId ?? null,
      input.orderId ?? null,
      input.kind,
      recipient,
      rendered.locale,
      rendered.subject,
      rendered.text,
      rendered.html,
      failure ? 'failed' : optedOut ? 'cancelled' : 'queued',
      failure ?? (optedOut ? `recipient unsubscribed from ${scope}` : null),
      input.dedupeKey,
      input.sendAfter ?? null,
      now,
      now,
      ...(input.onlyIf?.params ?? []),
    );
}

/** Renders without writing anything (previews in the admin, and prepareNotification). */
export async function renderFor<K extends NotificationKind>(
  s: Services,
  input: Pick<NotificationInput<K>, 'shopId' | 'kind' | 'locale' | 'vars'>,
): Promise<RenderedMessage> {
  const db = s.db(input.shopId);
  const locale = closestLocale(input.locale);
  const [shop, override] = await Promise.all([
    db.select({ name: shops.name, email: shops.email }).from(shops).where(eq(shops.id, input.shopId)).get(),
    db
      .select({ subject: messageTemplates.subject, body: messageTemplates.body })
      .from(messageTemplates)
      .where(
        and(
          eq(messageTemplates.shopId, input.shopId),
          eq(messageTemplates.name, input.kind),
          eq(messageTemplates.locale, locale),
        ),
      )
      .get(),
  ]);
  if (!shop) throw new Error(`prepareNotification: no shop ${input.shopId}`);
  return renderNotification(input.kind, locale, input.vars as Record<string, unknown>, shop, override);
}

export async function isUnsubscribed(s: Services, shopId: string, recipient: string, scope: string): Promise<boolean> {
  const row = await s
    .db(shopId)
    .select({ id: unsubscribes.id })
    .from(unsubscribes)
    .where(
      and(
        eq(unsubscribes.shopId, shopId),
        eq(unsubscribes.recipient, recipient.trim().toLowerCase()),
        eq(unsubscribes.scope, scope),
      ),
    )
    .get();
  return row !== undefined;
}

export { enqueueJob, enqueueJobs, scheduleJob } from '../queue/enqueue';
