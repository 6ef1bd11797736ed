/**
 * The merchant's taxonomy: free tags for cases and return reason codes with their labels, used by
 * the dashboard to group root causes. A shop that never edited it sees its policy's reasons.
 */
import { and, asc, eq, notInArray } from 'drizzle-orm';
import * as z from 'zod';
import type { Services } from '../services';
import { shopPolicy } from './shops';
import { shops, tags } from './schema';
import { toStatement } from './case-store';
import { changedFields } from './changed-fields';
import { shopEventStatement } from './shop-event-rows';

const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, _ and - only');
const entry = z.object({
  code,
  label: z.string().trim().min(1).max(100),
  labels: z.record(z.string().max(16), z.string().max(100)).default({}),
});

export const taxonomySchema = z
  .object({ tags: z.array(entry).max(500), reasons: z.array(entry).max(200) })
  .refine(
    (t) =>
      new Set(t.tags.map((x) => x.code)).size === t.tags.length &&
      new Set(t.reasons.map((x) => x.code)).size === t.reasons.length,
    {
      message: 'codes must be unique within tags and within reasons',
    },
  );
export type Taxonomy = z.infer<typeof taxonomySchema>;

export async function readTaxonomy(s: Services, shopId: string): Promise<Taxonomy> {
  const db = s.db(shopId);
  const rows = await db
    .select()
    .from(tags)
    .where(eq(tags.shopId, shopId))
    .orderBy(asc(tags.kind), asc(tags.code))
    .all();
  const pick = (kind: 'tag' | 'reason') =>
    rows.filter((r) => r.kind === kind).map((r) => ({ code: r.code, label: r.label, labels: r.labels }));
  let reasons = pick('reason');
  if (reasons.length === 0) {
    const shop = await db.select({ policy: shops.policy }).from(shops).where(eq(shops.id, shopId)).get();
    if (shop)
      reasons = shopPolicy(shop).reasons.map((r) => ({ code: r.code, label: r.label.en ?? r.code, labels: r.label }));
  }
  return { tags: pick('tag'), reasons };
}

/** By code, so the audit event names the tags and reasons that came, went or were relabelled. */
const byCode = (t: Taxonomy) => ({
  tags: Object.fromEntries(t.tags.map((e) => [e.code, { label: e.label, labels: e.labels }])),
  reasons: Object.fromEntries(t.reasons.map((e) => [e.code, { label: e.label, labels: e.labels }])),
});

/** Replaces the whole taxonomy in one batch with its TaxonomyChanged event: upserts what is listed, deletes what is not. */
export async function replaceTaxonomy(s: Services, shopId: string, t: Taxonomy, actor: string): Promise<void> {
  const before = await readTaxonomy(s, shopId);
  const db = s.db(shopId);
  const d1 = s.d1(shopId);
  const now = s.clock.now();
  const statements: D1PreparedStatement[] = [];
  for (const kind of ['tag', 'reason'] as const) {
    const list = kind === 'tag' ? t.tags : t.reasons;
    const keep = list.map((e) => e.code);
    statements.push(
      toStatement(
        d1,
        db
          .delete(tags)
          .where(
            and(eq(tags.shopId, shopId), eq(tags.kind, kind), ...(keep.length ? [notInArray(tags.code, keep)] : [])),
          ),
      ),
    );
    for (const e of list) {
      statements.push(
        toStatement(
          d1,
          db
            .insert(tags)
            .values({
              id: s.newId('tag'),
              shopId,
              kind,
              code: e.code,
              label: e.label,
              labels: e.labels,
              createdAt: now,
            })
            .onConflictDoUpdate({
              target: [tags.shopId, tags.kind, tags.code],
              set: { label: e.label, labels: e.labels },
            }),
        ),
      );
    }
  }
  const data = { ...changedFields(byCode(before), byCode(t)) };
  await d1.batch([...statements, shopEventStatement(s, d1, { shopId, type: 'TaxonomyChanged', actor, data })]);
}
