/**
 * One-time sign-in links for members (standalone admin, no passwords). A link is
 * `/admin/login/link/<shop>/<id>.<secret>`, mailed through the outbox; only MACs of the secret and of the
 * asking browser's nonce cookie are stored (`sign-in-link` subkey). It works once, for 15 minutes,
 * and only in the browser that asked (the nonce cookie must come back with it).
 */
import { findMemberByEmail } from './members';
import { memberPrincipal, type Principal } from './principal';
import { prepareNotification } from '../notifications/outbox';
import { enqueueJob } from '../queue/enqueue';
import { toBase64Url, toHex } from '../lib/crypto';
import { macFor } from '../lib/keys';
import { log } from '../lib/log';
import type { ShopRow } from '../db/shops';
import type { Services } from '../services';
import { findMember } from './members';

export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

const macHex = async (s: Services, message: string) =>
  toHex(await macFor(s.settings.APP_SECRET, 'sign-in-link', message));
const randomToken = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)));

/** A fresh nonce for the asking browser's cookie. */
export const newBrowserNonce = randomToken;

/**
 * Mails a link when `email` is an active member of the shop; does nothing otherwise, and the caller
 * answers the same either way (no hint whether an address is a member).
 */
export async function sendSignInLink(
  s: Services,
  input: {
    shop: ShopRow;
    email: string;
    browserNonce: string;
    baseUrl: string;
    /** The language of the browser that asked; used when the member chose none. */
    browserLocale?: string | null;
  },
): Promise<void> {
  const member = await findMemberByEmail(s, input.shop.id, input.email);
  if (!member?.active || !member.email) return;
  const id = s.newId('sil');
  const secret = randomToken();
  const now = s.clock.now();
  const d1 = s.d1(input.shop.id);
  const insert = d1
    .prepare(
      `INSERT INTO sign_in_links (id, shop_id, member_id, link_hash, nonce_hash, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      id,
      input.shop.id,
      member.id,
      await macHex(s, `link:${secret}`),
      await macHex(s, `nonce:${input.browserNonce}`),
      now + SIGN_IN_LINK_TTL_MS,
      now,
    );
  const dedupeKey = `sign-in:${id}`;
  const mail = await prepareNotification(s, {
    shopId: input.shop.id,
    kind: 'sign_in_link',
    recipient: member.email,
    // Their own admin language, else the one their browser asked in, else the shop's.
    locale: member.uiLocale ?? input.browserLocale ?? input.shop.locale,
    dedupeKey,
    vars: {
      member_name: member.name,
      sign_in_url: `${input.baseUrl}/admin/login/link/${input.shop.domain}/${id}.${secret}`,
      valid_minutes: SIGN_IN_LINK_TTL_MS / 60_000,
    },
  });
  await d1.batch([insert, mail]);
  await enqueueJob(s, { kind: 'deliver-notification', shopId: input.shop.id, dedupeKey }).catch((err: unknown) =>
    // The message is in the outbox; the sweep delivers stranded notifications.
    log({ kind: 'job', outcome: 'error', durationMs: 0, step: 'sign-in-link-enqueue', error: String(err) }),
  );
}

/**
 * Spends a link: the member it signs in, or null when it is unknown, used, expired, or opened in
 * another browser. The use is claimed with a conditional UPDATE, so two clicks sign in once.
 */
export async function redeemSignInLink(
  s: Services,
  shop: ShopRow,
  link: string,
  browserNonce: string | undefined,
): Promise<Principal | null> {
  const match = /^(sil_[0-9A-Z]{26})\.([A-Za-z0-9_-]{43})$/.exec(link);
  if (!match || !browserNonce) return null;
  const now = s.clock.now();
  const claimed = await s
    .d1(shop.id)
    .prepare(
      `UPDATE sign_in_links SET used_at = ?
        WHERE shop_id = ? AND id = ? AND link_hash = ? AND nonce_hash = ? AND used_at IS NULL AND expires_at > ?
       RETURNING member_id AS memberId`,
    )
    .bind(now, shop.id, match[1], await macHex(s, `link:${match[2]}`), await macHex(s, `nonce:${browserNonce}`), now)
    .first<{ memberId: string }>();
  if (!claimed) return null;
  const member = await findMember(s, shop.id, claimed.memberId);
  return member?.active ? memberPrincipal(member) : null;
}
