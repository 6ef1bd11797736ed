/** The shop's own wording of a message per kind and language (`message_templates`), each write with its event. */
import { and, eq } from 'drizzle-orm';
import { changedFields } from '../db/changed-fields';
import { messageTemplates } from '../db/schema';
import { asStatement, shopEventStatement } from '../db/shop-event-rows';
import type { Services } from '../services';

export function templateOverride(s: Services, shopId: string, name: string, locale: string) {
  return s
    .db(shopId)
    .select()
    .from(messageTemplates)
    .where(
      and(eq(messageTemplates.shopId, shopId), eq(messageTemplates.name, name), eq(messageTemplates.locale, locale)),
    )
    .get();
}

export function templateOverrides(s: Services, shopId: string) {
  return s
    .db(shopId)
    .select({ name: messageTemplates.name, locale: messageTemplates.locale, updatedAt: messageTemplates.updatedAt })
    .from(messageTemplates)
    .where(eq(messageTemplates.shopId, shopId))
    .all();
}

/** A shop's own wording for one message and language, written with its TemplateChanged event. */
export async function saveTemplateOverride(
  s: Services,
  shopId: string,
  t: { name: string; locale: string; subject: string; body: string },
  actor: string,
): Promise<void> {
  const now = s.clock.now();
  const d1 = s.d1(shopId);
  const before = await templateOverride(s, shopId, t.name, t.locale);
  const upsert = s
    .db(shopId)
    .insert(messageTemplates)
    .values({ id: s.newId('tpl'), shopId, ...t, updatedAt: now })
    .onConflictDoUpdate({
      target: [messageTemplates.shopId, messageTemplates.name, messageTemplates.locale],
      set: { subject: t.subject, body: t.body, updatedAt: now },
    });
  const changes = changedFields(
    { subject: before?.subject ?? null, body: before?.body ?? null },
    { subject: t.subject, body: t.body },
  );
  const data = { name: t.name, locale: t.locale, ...changes };
  await d1.batch([
    asStatement(d1, upsert),
    shopEventStatement(s, d1, { shopId, type: 'TemplateChanged', actor, data }),
  ]);
}

/** Back to the bundled wording: the override and its TemplateReset event (none when there was no override). */
export async function deleteTemplateOverride(
  s: Services,
  shopId: string,
  t: { name: string; locale: string },
  actor: string,
): Promise<void> {
  const d1 = s.d1(shopId);
  const remove = s
    .db(shopId)
    .delete(messageTemplates)
    .where(
      and(
        eq(messageTemplates.shopId, shopId),
        eq(messageTemplates.name, t.name),
        eq(messageTemplates.locale, t.locale),
      ),
    );
  const event = { shopId, type: 'TemplateReset' as const, actor, data: { ...t } };
  await d1.batch([asStatement(d1, remove), shopEventStatement(s, d1, event, { afterChange: true })]);
}
