/** Writing messages: the row (for the caller's batch) and the raw mail and attachments in R2. */
import { toStatement } from '../db/case-store';
import { messages, type MessageAttachment } from '../db/schema';
import type { Services } from '../services';
import type { InboundAttachment } from './parse-mail';

export type MessageRow = typeof messages.$inferInsert;

export function messageStatement(s: Services, row: MessageRow): D1PreparedStatement {
  return toStatement(s.d1(row.shopId), s.db(row.shopId).insert(messages).values(row));
}

/** Keys are derived from the raw message's hash, so a redelivery overwrites the same objects. */
export function rawMailKey(shopId: string, sha256: string): string {
  return `${shopId}/raw/${sha256}.eml`;
}

const attachmentKey = (shopId: string, sha256: string, index: number) => `${shopId}/att/${sha256}/${index}`;

export async function storeRawMail(
  s: Services,
  shopId: string,
  sha256: string,
  raw: Uint8Array,
  attachments: InboundAttachment[],
): Promise<{ rawKey: string; attachments: MessageAttachment[] }> {
  const rawKey = rawMailKey(shopId, sha256);
  await s.env.MAIL.put(rawKey, raw, { httpMetadata: { contentType: 'message/rfc822' } });
  const stored = await Promise.all(
    attachments.map(async (a, i) => {
      const key = attachmentKey(shopId, sha256, i);
      await s.env.MAIL.put(key, a.content, { httpMetadata: { contentType: a.mimeType } });
      return { key, name: a.filename, type: a.mimeType, size: a.size, inline: a.disposition === 'inline' };
    }),
  );
  return { rawKey, attachments: stored };
}

/** Erases a shop's stored mail objects under these keys (redaction). */
export async function deleteMailObjects(s: Services, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) await s.env.MAIL.delete(keys.slice(i, i + 1000));
}
