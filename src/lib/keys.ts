/**
 * Every key Aftercare derives from `APP_SECRET`, in one place. Each purpose gets its own subkey by
 * HKDF-SHA256 (salt `aftercare/v1`, info = the purpose's label), so a MAC made for one purpose never
 * verifies for another and a sample of one (a shopper token, a survey link) says nothing about the
 * others' keys. Derived keys are non-extractable CryptoKeys, cached per isolate and secret.
 *
 * Rotating: a new `APP_SECRET` changes every subkey at once (cookies, shopper tokens, links and
 * CSRF tokens issued before stop verifying); changing one label's version below rotates that
 * purpose alone. Stored Shopify tokens use their own keyring (`src/admin/auth/token-vault.ts`).
 * @see https://www.rfc-editor.org/rfc/rfc5869
 */
const encoder = new TextEncoder();

/** Purpose → HKDF info label. The version suffix is what rotates one purpose on its own. */
export const KEY_LABELS = {
  /** Admin screen session cookie. */
  'admin-session': 'aftercare admin-session v1',
  /** Admin screen CSRF tokens (bound to the session id). */
  'admin-csrf': 'aftercare admin-csrf v1',
  /** Shopper page CSRF tokens (bound to the nonce cookie and shopper session). */
  'portal-csrf': 'aftercare portal-csrf v1',
  /** Shopper tokens issued at order lookup. */
  'shopper-token': 'aftercare shopper-token v1',
  /** The signed return draft between the choose and review steps, in a review link behind the app proxy. */
  'shopper-draft': 'aftercare shopper-draft v1',
  /** The same draft in its path-scoped cookie on `/portal/<shop>` (never in a URL). */
  'shopper-draft-cookie': 'aftercare shopper-draft-cookie v1',
  /** One-click survey and unsubscribe links. */
  'survey-link': 'aftercare survey-link v1',
  /** Deterministic goodwill discount codes. */
  'goodwill-code': 'aftercare goodwill-code v1',
  /** Per-shop signing secrets of outbound merchant webhooks. */
  'outbound-webhook': 'aftercare outbound-webhook v1',
  /** One-time member sign-in links (team issue). */
  'sign-in-link': 'aftercare sign-in-link v1',
  /** Pepper of hashed member API tokens (team issue). */
  'member-token-pepper': 'aftercare member-token-pepper v1',
  /** The tag in a case's reply address (`reply+<case number>-<tag>@domain`, src/conversations/thread.ts). */
  'reply-address': 'aftercare reply-address v1',
} as const;

export type KeyPurpose = keyof typeof KEY_LABELS;

/**
 * The AES-256-GCM key id `app` of the token vault's keyring when `TOKEN_ENCRYPTION_KEYS` is unset.
 * Its label is the one the vault used before the keyring existed, so tokens stored then still open.
 */
const VAULT_FALLBACK_LABEL = 'shop-platform-tokens';
const SALT = encoder.encode('aftercare/v1');

/** At least 32 random bytes: 64 hex characters, or 43 base64/base64url characters (or longer text). */
export const MIN_SECRET_BYTES = 32;
export const HOW_TO_MAKE_A_SECRET =
  "`openssl rand -base64 32` or `node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\"`";

/** Why this value cannot be APP_SECRET, or null when it is long enough to hold 32 random bytes. */
export function weakSecretReason(secret: string): string | null {
  const hex = /^[0-9a-fA-F]+$/.test(secret);
  const needed = hex ? MIN_SECRET_BYTES * 2 : Math.ceil((MIN_SECRET_BYTES * 4) / 3);
  if (secret.length < needed)
    return `it is ${secret.length} characters; at least ${MIN_SECRET_BYTES} random bytes are needed (${needed} ${hex ? 'hex' : 'base64'} characters)`;
  // A long but repetitive value (`aaaa…`, a word repeated) is not 32 random bytes either.
  if (new Set(secret).size < 10) return 'it repeats too few distinct characters to be random';
  return null;
}

const roots = new Map<string, Promise<CryptoKey>>();
const derived = new Map<string, Promise<CryptoKey>>();

function root(appSecret: string): Promise<CryptoKey> {
  let key = roots.get(appSecret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(appSecret), 'HKDF', false, ['deriveKey']);
    roots.set(appSecret, key);
  }
  return key;
}

function derive(
  appSecret: string,
  label: string,
  algorithm: { name: 'HMAC'; hash: 'SHA-256'; length: 256 } | { name: 'AES-GCM'; length: 256 },
): Promise<CryptoKey> {
  const cacheKey = `${label}\u0000${appSecret}`;
  let key = derived.get(cacheKey);
  if (!key) {
    const usages: ('sign' | 'verify' | 'encrypt' | 'decrypt')[] =
      algorithm.name === 'HMAC' ? ['sign', 'verify'] : ['encrypt', 'decrypt'];
    key = root(appSecret).then((base) =>
      crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: SALT, info: encoder.encode(label) },
        base,
        algorithm,
        false,
        usages,
      ),
    );
    derived.set(cacheKey, key);
  }
  return key;
}

/** The HMAC-SHA256 subkey for one purpose. */
export function subkey(appSecret: string, purpose: KeyPurpose): Promise<CryptoKey> {
  return derive(appSecret, KEY_LABELS[purpose], { name: 'HMAC', hash: 'SHA-256', length: 256 });
}

/** HMAC-SHA256 of `message` under the purpose's subkey. */
export async function macFor(appSecret: string, purpose: KeyPurpose, message: string): Promise<Uint8Array> {
  const key = await subkey(appSecret, purpose);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}

/** The token vault's fallback AES-256-GCM key (key id `app`), derived from APP_SECRET. */
export function vaultFallbackKey(appSecret: string): Promise<CryptoKey> {
  return derive(appSecret, VAULT_FALLBACK_LABEL, { name: 'AES-GCM', length: 256 });
}
