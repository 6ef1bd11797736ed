import { fromBase64Url } from './crypto';

/**
 * A versioned keyring in one setting: `k2:<base64 32 bytes>,k1:<base64 32 bytes>`. The first key
 * encrypts; every key decrypts what carries its id. Ids are short names the ciphertext repeats, so
 * a rotated-out key can be removed once nothing carries its id any more.
 */
export interface KeyringEntry {
  id: string;
  bytes: Uint8Array;
}

/** The id of the key derived from APP_SECRET when no keyring is set (reserved). */
export const APP_KEY_ID = 'app';
const keyId = /^[a-z0-9][a-z0-9_-]{0,15}$/i;

/** The entries, first = current; or a sentence saying what is wrong (never echoing a key). */
export function parseKeyring(raw: string): KeyringEntry[] | string {
  const entries: KeyringEntry[] = [];
  for (const [i, part] of raw.split(',').entries()) {
    const text = part.trim();
    const colon = text.indexOf(':');
    const id = colon > 0 ? text.slice(0, colon) : '';
    if (!keyId.test(id)) return `entry ${i + 1} needs an id like k1 before ':' (letters, digits, _ or -)`;
    if (id === APP_KEY_ID) return `the id '${APP_KEY_ID}' is reserved for the key derived from APP_SECRET`;
    if (entries.some((e) => e.id === id)) return `the id '${id}' appears twice`;
    const bytes = fromBase64Url(
      text
        .slice(colon + 1)
        .replaceAll('+', '-')
        .replaceAll('/', '_')
        .replace(/=+$/, ''),
    );
    if (!bytes || bytes.byteLength !== 32)
      return `key '${id}' must be 32 random bytes in base64 (make one with \`openssl rand -base64 32\`)`;
    entries.push({ id, bytes });
  }
  return entries;
}
