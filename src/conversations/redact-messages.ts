/**
 * A customer's conversations erased (Shopify `customers/redact`): the raw mail and attachments
 * deleted from the MAIL bucket, and every message on their cases, by them or to them, blanked. The
 * rows stay (a case keeps its shape and counts) but say nothing: no text, no addresses, no ids.
 */
import type { MessageAttachment } from '../db/schema';
import type { Services } from '../services';
import { deleteMailObjects } from './message-store';

const REDACTED = '[redacted]';

export interface ConversationFootprint {
  customerIds: string[];
  caseIds: string[];
  email: string | null;
}

const WHO = `shop_id = ?1 AND (case_id IN (SELECT value FROM json_each(?2)) OR customer_id IN (SELECT value FROM json_each(?3))
  OR (?4 IS NOT NULL AND (from_address = ?4 OR instr(to_addresses, '"' || ?4 || '"') > 0)))`;

export async function redactConversations(s: Services, shopId: string, who: ConversationFootprint): Promise<void> {
  const d1 = s.d1(shopId);
  const params = [
    shopId,
    JSON.stringify(who.caseIds),
    JSON.stringify(who.customerIds),
    who.email?.toLowerCase() ?? null,
  ];
  const rows = await d1
    .prepare(`SELECT raw_key, attachments FROM messages WHERE ${WHO}`)
    .bind(...params)
    .all<{ raw_key: string | null; attachments: string }>();
  // Objects first: deleting twice is harmless, a row pointing at a still-stored message is not.
  const keys = rows.results.flatMap((r) => [
    ...(r.raw_key ? [r.raw_key] : []),
    ...(JSON.parse(r.attachments) as MessageAttachment[]).map((a) => a.key),
  ]);
  await deleteMailObjects(s, keys);
  await d1
    .prepare(
      `UPDATE messages SET text = '${REDACTED}', full_text = '${REDACTED}', html = NULL, subject = '${REDACTED}',
         from_address = '${REDACTED}', from_name = NULL, to_addresses = '[]', attachments = '[]', raw_key = NULL,
         raw_sha256 = NULL, in_reply_to = NULL, "references" = '[]', message_id = 'redacted:' || id
       WHERE ${WHO}`,
    )
    .bind(...params)
    .run();
}
