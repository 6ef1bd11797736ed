/**
 * The Worker's `email()` handler (Cloudflare Email Routing; `POST /cdn-cgi/handler/email` under
 * `wrangler dev`). An oversized message is refused before a byte is read; everything else goes
 * through `receiveMail`. Nothing escapes: a failure on our side rejects the message with a
 * temporary-failure reason, so the sender learns it did not arrive instead of it vanishing.
 * @see https://developers.cloudflare.com/email-routing/email-workers/runtime-api/
 */
import type { Env } from '../env';
import { log } from '../lib/log';
import { createServices, type Services } from '../services';
import { MAX_MAIL_BYTES, receiveMail, type ReceiveOutcome } from './receive-mail';
import { screenSize } from './screen-mail';

export const TEMPORARY_FAILURE = 'Temporary failure while accepting this message; please send it again later';

export async function handleEmail(
  message: ForwardableEmailMessage,
  env: Env,
  _ctx: ExecutionContext,
  services?: Services,
): Promise<ReceiveOutcome | null> {
  const started = Date.now();
  const size = screenSize(message.rawSize, MAX_MAIL_BYTES);
  if (!size.accept) {
    message.setReject(size.bounce ?? 'Message too large');
    return { status: 'refused', reason: size.reason };
  }
  try {
    const raw = await readCapped(message.raw, MAX_MAIL_BYTES + 1);
    const s = services ?? createServices(env);
    const outcome = await receiveMail(s, { from: message.from, to: message.to, rawSize: message.rawSize, raw });
    if (outcome.status === 'refused' && outcome.bounce) message.setReject(outcome.bounce);
    log({ kind: 'mail', outcome: outcomeOf(outcome), durationMs: Date.now() - started, result: outcome });
    return outcome;
  } catch (err) {
    log({ kind: 'mail', outcome: 'error', durationMs: Date.now() - started, error: String(err).slice(0, 500) });
    message.setReject(TEMPORARY_FAILURE);
    return null;
  }
}

function outcomeOf(outcome: ReceiveOutcome): 'ok' | 'duplicate' | 'rejected' {
  return outcome.status === 'stored' ? 'ok' : outcome.status === 'duplicate' ? 'duplicate' : 'rejected';
}

/** Reads at most `limit` bytes: a sender's claimed size is not trusted with our memory. */
async function readCapped(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    chunks.push(value);
    if (total >= limit) {
      await reader.cancel();
      break;
    }
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
