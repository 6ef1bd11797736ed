/**
 * A shop's support addresses: where its mail is routed to us (`mail_addresses` in the directory
 * database, so an inbound message finds its shop by recipient), which one the admin's replies leave
 * from, and whether mail has really arrived through it (verified on the first accepted message).
 * The reply-from address must share the support address's domain: our reply addresses
 * (`reply+…@domain`) are found by that domain, so answers to a reply still thread back.
 */
import * as z from 'zod';
import { AppError } from '../http/errors';
import { changedFields, hasChanges } from '../db/changed-fields';
import { shopEventStatement } from '../db/shop-event-rows';
import type { Services } from '../services';

export interface SupportAddress {
  address: string;
  domain: string;
  replyFrom: string;
  primary: boolean;
  verified: boolean;
  verifiedAt: number | null;
  createdAt: number;
}

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'an email address like support@example.com');

export const supportAddressInput = z
  .strictObject({
    address: email.describe('the address mail for the shop is routed to'),
    replyFrom: email.optional().describe('From of replies (same domain; default: the address)'),
    primary: z.boolean().optional().describe('the admin’s replies leave from this one'),
  })
  .meta({ id: 'SupportAddressInput' });

export const supportAddressPatch = z
  .strictObject({ replyFrom: email.nullable().optional(), primary: z.literal(true).optional() })
  .meta({ id: 'SupportAddressPatch' });

export const supportAddressSchema = z
  .object({
    address: z.string(),
    domain: z.string(),
    replyFrom: z.string(),
    primary: z.boolean(),
    verified: z.boolean(),
    verifiedAt: z.int().nullable(),
    createdAt: z.int(),
  })
  .meta({ id: 'SupportAddress' });

/** The address part of a support address: also what `/…/:address` in a URL must be. */
export const supportAddressParam = email;

export type SupportAddressInput = z.infer<typeof supportAddressInput>;
export type SupportAddressPatch = z.infer<typeof supportAddressPatch>;

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

interface Row {
  address: string;
  domain: string;
  reply_from: string | null;
  is_primary: number;
  verified_at: number | null;
  created_at: number;
}

const toAddress = (r: Row): SupportAddress => ({
  address: r.address,
  domain: r.domain,
  replyFrom: r.reply_from ?? r.address,
  primary: r.is_primary === 1,
  verified: r.verified_at !== null,
  verifiedAt: r.verified_at,
  createdAt: r.created_at,
});

export async function listSupportAddresses(s: Services, shopId: string): Promise<SupportAddress[]> {
  const rows = await s
    .d1()
    .prepare(
      `SELECT address, domain, reply_from, is_primary, verified_at, created_at FROM mail_addresses
       WHERE shop_id = ? ORDER BY is_primary DESC, created_at, address`,
    )
    .bind(shopId)
    .all<Row>();
  return rows.results.map(toAddress);
}

function checkReplyFrom(address: string, replyFrom: string | null | undefined): void {
  if (replyFrom && domainOf(replyFrom) !== domainOf(address))
    throw new AppError(
      'validation_failed',
      `The reply-from address must be on ${domainOf(address)}, the domain answers are routed back through.`,
    );
}

/** Only one primary per shop: the statement that clears the others, for the same batch. */
function clearPrimary(s: Services, shopId: string, except: string): D1PreparedStatement {
  return s
    .d1()
    .prepare('UPDATE mail_addresses SET is_primary = 0 WHERE shop_id = ? AND address <> ? AND is_primary = 1')
    .bind(shopId, except);
}

/** Adds an address; 409 when any shop (this one included) already receives mail there. */
export async function createSupportAddress(
  s: Services,
  shopId: string,
  input: SupportAddressInput,
  actor: string,
): Promise<SupportAddress> {
  checkReplyFrom(input.address, input.replyFrom);
  const d1 = s.d1();
  const first = (await listSupportAddresses(s, shopId)).length === 0;
  const primary = input.primary === true || first;
  const insert = d1
    .prepare(
      `INSERT OR IGNORE INTO mail_addresses (address, domain, shop_id, reply_from, is_primary, verified_at, created_at)
       VALUES (?, ?, ?, ?, ?, NULL, ?)`,
    )
    .bind(
      input.address,
      domainOf(input.address),
      shopId,
      input.replyFrom && input.replyFrom !== input.address ? input.replyFrom : null,
      primary ? 1 : 0,
      s.clock.now(),
    );
  // The event sits in the directory database beside the address it records (the activity screen reads both).
  const data = { address: input.address, replyFrom: input.replyFrom ?? null, primary };
  const event = shopEventStatement(s, d1, { shopId, type: 'SupportAddressAdded', actor, data }, { afterChange: true });
  const clear = primary ? [clearPrimaryAfterInsert(s, shopId, input.address)] : [];
  const [inserted] = await d1.batch([insert, event, ...clear]);
  if (inserted!.meta.changes !== 1)
    throw new AppError('conflict', `${input.address} already receives mail for a shop; remove it there first.`);
  return (await findSupportAddress(s, shopId, input.address))!;
}

/** `clearPrimary`, but only when the insert before it in the batch wrote the row (a refused add changes nothing). */
function clearPrimaryAfterInsert(s: Services, shopId: string, address: string): D1PreparedStatement {
  return s
    .d1()
    .prepare(
      `UPDATE mail_addresses SET is_primary = 0 WHERE shop_id = ?1 AND address <> ?2 AND is_primary = 1
         AND EXISTS (SELECT 1 FROM mail_addresses WHERE address = ?2 AND shop_id = ?1 AND is_primary = 1)`,
    )
    .bind(shopId, address);
}

export async function findSupportAddress(s: Services, shopId: string, address: string): Promise<SupportAddress | null> {
  const row = await s
    .d1()
    .prepare(
      `SELECT address, domain, reply_from, is_primary, verified_at, created_at FROM mail_addresses
       WHERE shop_id = ? AND address = ?`,
    )
    .bind(shopId, address)
    .first<Row>();
  return row ? toAddress(row) : null;
}

export async function updateSupportAddress(
  s: Services,
  shopId: string,
  address: string,
  patch: SupportAddressPatch,
  actor: string,
): Promise<SupportAddress> {
  const before = await findSupportAddress(s, shopId, address);
  if (!before) throw new AppError('not_found', `${address} is not one of this shop's support addresses.`);
  checkReplyFrom(address, patch.replyFrom);
  const d1 = s.d1();
  const statements: D1PreparedStatement[] = [];
  if (patch.replyFrom !== undefined)
    statements.push(
      d1
        .prepare('UPDATE mail_addresses SET reply_from = ? WHERE shop_id = ? AND address = ?')
        .bind(patch.replyFrom === address ? null : patch.replyFrom, shopId, address),
    );
  if (patch.primary)
    statements.push(
      clearPrimary(s, shopId, address),
      d1.prepare('UPDATE mail_addresses SET is_primary = 1 WHERE shop_id = ? AND address = ?').bind(shopId, address),
    );
  const event = addressChangedEvent(s, { shopId, before, patch, actor });
  if (statements.length > 0) await d1.batch([...statements, ...event]);
  return (await findSupportAddress(s, shopId, address))!;
}

/** SupportAddressChanged when the patch changes anything (none for a patch that repeats what is there). */
function addressChangedEvent(
  s: Services,
  c: { shopId: string; before: SupportAddress; patch: SupportAddressPatch; actor: string },
): D1PreparedStatement[] {
  const { before, patch } = c;
  const was = { replyFrom: before.replyFrom, primary: before.primary };
  const now = {
    replyFrom: patch.replyFrom === undefined ? was.replyFrom : (patch.replyFrom ?? before.address),
    primary: patch.primary ?? was.primary,
  };
  const changes = changedFields(was, now);
  if (!hasChanges(changes)) return [];
  const data = { address: before.address, ...changes };
  return [shopEventStatement(s, s.d1(), { shopId: c.shopId, type: 'SupportAddressChanged', actor: c.actor, data })];
}

/** Removes an address (mail to it is refused from then on); the oldest remaining one becomes primary. */
export async function removeSupportAddress(s: Services, shopId: string, address: string, actor: string): Promise<void> {
  const d1 = s.d1();
  const event = { shopId, type: 'SupportAddressRemoved' as const, actor, data: { address } };
  const [removed] = await d1.batch([
    d1.prepare('DELETE FROM mail_addresses WHERE shop_id = ? AND address = ?').bind(shopId, address),
    shopEventStatement(s, d1, event, { afterChange: true }),
    d1
      .prepare(
        `UPDATE mail_addresses SET is_primary = 1 WHERE shop_id = ?1 AND address = (
           SELECT address FROM mail_addresses WHERE shop_id = ?1 ORDER BY created_at, address LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM mail_addresses WHERE shop_id = ?1 AND is_primary = 1)`,
      )
      .bind(shopId),
  ]);
  if (removed!.meta.changes !== 1)
    throw new AppError('not_found', `${address} is not one of this shop's support addresses.`);
}

/** Mail arrived through this address: routing works. Written once (the first time only). */
export async function markSupportAddressVerified(s: Services, address: string, at: number): Promise<void> {
  await s
    .d1()
    .prepare('UPDATE mail_addresses SET verified_at = ? WHERE address = ? AND verified_at IS NULL')
    .bind(at, address)
    .run();
}
