/**
 * One outside call made once, the way Medusa's steps make it: checkpoint in D1, call the provider,
 * record the outcome once. A provider without an idempotency key (EasyPost, Shopify's
 * `returnCreate` and `orderInvoiceSend`) may have acted for a job that died before recording, so a
 * job that takes over a stale claim asks the provider what it already did before calling again.
 * Small on purpose: no workflow engine, no retries (the queue retries), no compensation.
 */

/**
 * `won`: a fresh claim. `taken-over`: a claim whose holder is presumed dead (its lease ran out), or a
 * checkpoint without an outcome; the provider may have acted. `lost`: another job holds it.
 */
export type Claim = 'won' | 'taken-over' | 'lost';

export interface CallOnceSteps<Outcome, Result> {
  /** The checkpoint in D1: a conditional UPDATE (or a keyed insert) one caller wins. */
  claim: () => Promise<Claim>;
  /** Asked only after a takeover: what the provider already did for the dead holder; null when nothing. */
  readProviderState?: () => Promise<Outcome | null>;
  /** The outside call. */
  call: () => Promise<Outcome>;
  /** Writes the outcome, once (conditional on the claim); `from` says whether it was called or read. */
  record: (outcome: Outcome, from: 'call' | 'provider') => Promise<Result>;
  /** A failed call: release or record the claim, then rethrow (a retry) or answer a result (final). */
  failed?: (err: unknown) => Promise<Result>;
}

export type CallOnceResult<Result> = { claimed: false } | { claimed: true; result: Result };

/** Claim → (after a takeover) read the provider → call unless it already acted → record once. */
export async function callOnce<Outcome, Result>(
  steps: CallOnceSteps<Outcome, Result>,
): Promise<CallOnceResult<Result>> {
  const claim = await steps.claim();
  if (claim === 'lost') return { claimed: false };
  const already = claim === 'taken-over' && steps.readProviderState ? await steps.readProviderState() : null;
  if (already !== null) return { claimed: true, result: await steps.record(already, 'provider') };
  let outcome: Outcome;
  try {
    outcome = await steps.call();
  } catch (err) {
    if (!steps.failed) throw err;
    return { claimed: true, result: await steps.failed(err) };
  }
  return { claimed: true, result: await steps.record(outcome, 'call') };
}
