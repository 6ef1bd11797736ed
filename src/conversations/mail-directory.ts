/**
 * Which shop a message is for, from its recipients. Shops' support addresses live in the directory
 * database (`mail_addresses` in `DB`, like `shops`): the recipient is all a message tells us before
 * the shop is known. A reply address (`reply+…@domain`) is found by its domain.
 */
import { subkey } from '../lib/keys';
import type { Services } from '../services';
import { caseFromReplyAddress, REPLY_LOCAL_PREFIX } from './thread';

export interface MailShop {
  shopId: string;
  /** The domain our reply addresses and Message-IDs use for this shop. */
  domain: string;
  /** The shop's support address the message was sent to (or its primary one). */
  address: string;
  /** The From of our replies (the address itself unless the merchant set another on its domain). */
  replyFrom: string;
}

interface AddressRow {
  address: string;
  domain: string;
  shop_id: string;
  reply_from: string | null;
}

const mailShopOfRow = (r: AddressRow): MailShop => ({
  shopId: r.shop_id,
  domain: r.domain,
  address: r.address,
  replyFrom: r.reply_from ?? r.address,
});
const COLUMNS = 'address, domain, shop_id, reply_from';

const normalize = (address: string) => address.trim().toLowerCase();
const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/** The first recipient that is a shop's support address, or a reply address on a shop's domain. */
export async function shopForRecipients(s: Services, recipients: string[]): Promise<MailShop | null> {
  const addresses = [...new Set(recipients.map(normalize).filter((a) => a.includes('@')))].slice(0, 50);
  if (addresses.length === 0) return null;
  const marks = addresses.map(() => '?').join(', ');
  const direct = await s
    .d1()
    .prepare(`SELECT ${COLUMNS} FROM mail_addresses WHERE address IN (${marks}) LIMIT 1`)
    .bind(...addresses)
    .first<AddressRow>();
  if (direct) return mailShopOfRow(direct);
  for (const address of addresses.filter((a) => a.startsWith(REPLY_LOCAL_PREFIX))) {
    const shop = await shopForReplyAddress(s, address);
    if (shop) return shop;
  }
  return null;
}

/** Shops sharing a domain are told apart by the reply address's tag, which only one of them signed. */
async function shopForReplyAddress(s: Services, address: string): Promise<MailShop | null> {
  const rows = await s
    .d1()
    .prepare(`SELECT ${COLUMNS} FROM mail_addresses WHERE domain = ? ORDER BY address LIMIT 10`)
    .bind(domainOf(address))
    .all<AddressRow>();
  const secret = await replySecret(s);
  for (const row of rows.results) {
    if ((await caseFromReplyAddress(address, { shopId: row.shop_id, secret })) !== null) return mailShopOfRow(row);
  }
  return null;
}

export function replySecret(s: Services): Promise<CryptoKey> {
  return subkey(s.settings.APP_SECRET, 'reply-address');
}

/** The shop's primary support address (else its oldest): where its replies come from. Null when it has none. */
export async function mailShopOf(s: Services, shopId: string): Promise<MailShop | null> {
  const row = await s
    .d1()
    .prepare(
      `SELECT ${COLUMNS} FROM mail_addresses WHERE shop_id = ? ORDER BY is_primary DESC, created_at, address LIMIT 1`,
    )
    .bind(shopId)
    .first<AddressRow>();
  return row ? mailShopOfRow(row) : null;
}

/** Statement adding a support address for a shop (insert-or-ignore: an address belongs to one shop). */
export function addSupportAddress(s: Services, shopId: string, address: string, now: number): D1PreparedStatement {
  const a = normalize(address);
  return s
    .d1()
    .prepare('INSERT OR IGNORE INTO mail_addresses (address, domain, shop_id, created_at) VALUES (?, ?, ?, ?)')
    .bind(a, domainOf(a), shopId, now);
}
