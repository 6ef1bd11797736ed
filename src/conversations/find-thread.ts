/**
 * The case a message continues, if any: our reply address first (it carries a MAC, so it cannot be
 * forged), then our own Message-IDs in In-Reply-To/References, then any message id we have stored
 * on a case (a customer replying to their own earlier mail).
 */
import type { Services } from '../services';
import { replySecret } from './mail-directory';
import type { InboundMail } from './parse-mail';
import { caseFromReplyAddress, threadKeysOf } from './thread';

export interface ThreadCase {
  id: string;
  number: number;
  customerId: string | null;
}

type Thread = Pick<InboundMail, 'inReplyTo' | 'references' | 'to' | 'cc'>;

export async function findThreadCase(
  s: Services,
  shopId: string,
  mail: Thread,
  envelopeTo?: string,
): Promise<ThreadCase | null> {
  const keys = threadKeysOf(mail, envelopeTo);
  const secret = await replySecret(s);
  const d1 = s.d1(shopId);
  for (const address of keys.replyAddresses) {
    const number = await caseFromReplyAddress(address, { shopId, secret });
    if (number === null) continue;
    const row = await d1
      .prepare('SELECT id, number, customer_id FROM cases WHERE shop_id = ? AND number = ?')
      .bind(shopId, number)
      .first<{ id: string; number: number; customer_id: string | null }>();
    if (row) return { id: row.id, number: row.number, customerId: row.customer_id };
  }
  for (const caseId of keys.caseIds) {
    const row = await d1
      .prepare('SELECT id, number, customer_id FROM cases WHERE shop_id = ? AND id = ?')
      .bind(shopId, caseId)
      .first<{ id: string; number: number; customer_id: string | null }>();
    if (row) return { id: row.id, number: row.number, customerId: row.customer_id };
  }
  return byStoredMessageId(d1, shopId, keys.messageIds.slice(0, 50));
}

async function byStoredMessageId(d1: D1Database, shopId: string, ids: string[]): Promise<ThreadCase | null> {
  if (ids.length === 0) return null;
  const row = await d1
    .prepare(
      `SELECT c.id, c.number, c.customer_id FROM messages m JOIN cases c ON c.shop_id = m.shop_id AND c.id = m.case_id
       WHERE m.shop_id = ? AND m.message_id IN (${ids.map(() => '?').join(', ')}) ORDER BY m.at DESC LIMIT 1`,
    )
    .bind(shopId, ...ids)
    .first<{ id: string; number: number; customer_id: string | null }>();
  return row ? { id: row.id, number: row.number, customerId: row.customer_id } : null;
}
