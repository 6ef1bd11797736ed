import { AppError } from '../http/errors';

/** Shopify and Stripe payloads are far below this; anything larger is refused, not buffered. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * Reads a request body up to `limit` bytes. The declared Content-Length is checked before a byte
 * is read; a missing or lying length is caught while streaming, so memory never exceeds the cap.
 * Returns the exact bytes received (signatures are over bytes, not over a decoded string).
 */
export async function readCappedBody(request: Request, limit = MAX_WEBHOOK_BYTES): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    const n = Number(declared);
    if (!/^\d+$/.test(declared.trim())) throw new AppError('bad_request', 'Content-Length is not a number.');
    if (n > limit) throw tooLarge(limit);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function tooLarge(limit: number): AppError {
  return new AppError('payload_too_large', `Webhook bodies are limited to ${limit} bytes.`);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The body as text, or null when it is not valid UTF-8 (JSON webhooks always are). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}
