import { fromBase64Url, toBase64Url } from '../../lib/crypto';

/**
 * Platform credentials at rest: AES-256-GCM with a key derived from APP_SECRET by HKDF-SHA256.
 * The shop id is the additional authenticated data, so a ciphertext copied onto another shop's row
 * does not decrypt. Format: `v1.<iv>.<ciphertext>` (base64url).
 */
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function vaultKey(appSecret: string): Promise<CryptoKey> {
  let key = keys.get(appSecret);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', encoder.encode(appSecret), 'HKDF', false, ['deriveKey'])
      .then((base) =>
        crypto.subtle.deriveKey(
          {
            name: 'HKDF',
            hash: 'SHA-256',
            salt: encoder.encode('aftercare/v1'),
            info: encoder.encode('shop-platform-tokens'),
          },
          base,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      );
    keys.set(appSecret, key);
  }
  return key;
}

export async function encryptSecret(appSecret: string, shopId: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(shopId) },
    await vaultKey(appSecret),
    encoder.encode(plaintext),
  );
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ct))}`;
}

/** The plaintext, or null when the value was tampered with, belongs to another shop or key. */
export async function decryptSecret(appSecret: string, shopId: string, sealed: string): Promise<string | null> {
  const [v, ivText, ctText] = sealed.split('.');
  if (v !== 'v1' || !ivText || !ctText) return null;
  const iv = fromBase64Url(ivText);
  const ct = fromBase64Url(ctText);
  if (!iv || !ct) return null;
  try {
    const pt = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(shopId) },
      await vaultKey(appSecret),
      ct,
    );
    return new TextDecoder().decode(pt);
  } catch {
    return null;
  }
}
