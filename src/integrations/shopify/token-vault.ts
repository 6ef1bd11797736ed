import { fromBase64Url, toBase64Url } from '../../lib/crypto';
import { vaultFallbackKey } from '../../lib/keys';
import { APP_KEY_ID, parseKeyring } from '../../lib/keyring';

/**
 * Platform credentials at rest: AES-256-GCM under a versioned keyring, `TOKEN_ENCRYPTION_KEYS`
 * (`k2:<base64>,k1:<base64>`, the first encrypts). Without it the key is an HKDF subkey of APP_SECRET
 * with id `app`, so local dev and tests need nothing more; that key stays readable after a keyring
 * is set, so tokens stored before open until the rotate command re-encrypts them.
 * The shop id is the additional authenticated data, so a ciphertext copied onto another shop's row
 * does not decrypt. Format: `v2.<key id>.<iv>.<ciphertext>` (base64url); `v1.<iv>.<ciphertext>` is
 * the pre-keyring format, under the `app` key.
 */
export type VaultSettings = { APP_SECRET: string; TOKEN_ENCRYPTION_KEYS?: string | undefined };

export interface VaultKeys {
  /** The id new ciphertexts carry. */
  currentId: string;
  key(id: string): Promise<CryptoKey> | null;
}

const encoder = new TextEncoder();
const imported = new Map<string, Promise<CryptoKey>>();

function importAes(id: string, bytes: Uint8Array): Promise<CryptoKey> {
  const cacheKey = `${id}:${toBase64Url(bytes)}`;
  let key = imported.get(cacheKey);
  if (!key) {
    key = crypto.subtle.importKey('raw', bytes, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
    imported.set(cacheKey, key);
  }
  return key;
}

/** The keyring of these settings (already validated by `settings()`; a bad value throws here too). */
export function vaultKeys(cfg: VaultSettings): VaultKeys {
  const raw = cfg.TOKEN_ENCRYPTION_KEYS?.trim();
  const ring = raw ? parseKeyring(raw) : [];
  if (typeof ring === 'string') throw new Error(`TOKEN_ENCRYPTION_KEYS: ${ring}`);
  return {
    currentId: ring[0]?.id ?? APP_KEY_ID,
    key: (id) => {
      if (id === APP_KEY_ID) return vaultFallbackKey(cfg.APP_SECRET);
      const entry = ring.find((e) => e.id === id);
      return entry ? importAes(entry.id, entry.bytes) : null;
    },
  };
}

/** The key id a stored value was sealed with, or null when it is not a sealed value. */
export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split('.');
  if (parts[0] === 'v1' && parts.length === 3) return APP_KEY_ID;
  if (parts[0] === 'v2' && parts.length === 4) return parts[1] || null;
  return null;
}

export async function encryptSecret(cfg: VaultSettings, shopId: string, plaintext: string): Promise<string> {
  const keys = vaultKeys(cfg);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(shopId) },
    await keys.key(keys.currentId)!,
    encoder.encode(plaintext),
  );
  return `v2.${keys.currentId}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ct))}`;
}

/** The plaintext, or null when the value was tampered with, belongs to another shop or to a key not in the ring. */
export async function decryptSecret(cfg: VaultSettings, shopId: string, sealed: string): Promise<string | null> {
  const id = sealedKeyId(sealed);
  const parts = sealed.split('.');
  const [ivText, ctText] = parts[0] === 'v1' ? [parts[1], parts[2]] : [parts[2], parts[3]];
  const key = id ? vaultKeys(cfg).key(id) : null;
  const iv = ivText ? fromBase64Url(ivText) : null;
  const ct = ctText ? fromBase64Url(ctText) : null;
  if (!key || !iv || !ct) return null;
  try {
    const pt = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(shopId) },
      await key,
      ct,
    );
    return new TextDecoder().decode(pt);
  } catch {
    return null;
  }
}
