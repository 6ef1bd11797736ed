import { describe, expect, it } from 'vitest';
import { type Claim, callOnce } from './call-once';

/** A provider that counts its calls and a record that counts its writes. */
function harness(claim: Claim, provider: { already?: string | null; fail?: Error } = {}) {
  const log: string[] = [];
  const steps = {
    claim: async () => {
      log.push('claim');
      return claim;
    },
    readProviderState: async () => {
      log.push('read');
      return provider.already ?? null;
    },
    call: async () => {
      log.push('call');
      if (provider.fail) throw provider.fail;
      return 'done';
    },
    record: async (outcome: string, from: 'call' | 'provider') => {
      log.push(`record:${outcome}:${from}`);
      return outcome;
    },
  };
  return { log, steps };
}

describe('callOnce', () => {
  it('a fresh claim calls once and records the outcome once, without reading the provider', async () => {
    const { log, steps } = harness('won');
    expect(await callOnce(steps)).toEqual({ claimed: true, result: 'done' });
    expect(log).toEqual(['claim', 'call', 'record:done:call']);
  });

  it('a lost claim neither calls nor records', async () => {
    const { log, steps } = harness('lost');
    expect(await callOnce(steps)).toEqual({ claimed: false });
    expect(log).toEqual(['claim']);
  });

  it('a stale claim taken over reads the provider first and does not call again when it already acted', async () => {
    const { log, steps } = harness('taken-over', { already: 'done-earlier' });
    expect(await callOnce(steps)).toEqual({ claimed: true, result: 'done-earlier' });
    expect(log).toEqual(['claim', 'read', 'record:done-earlier:provider']);
  });

  it('a stale claim taken over calls when the provider did nothing', async () => {
    const { log, steps } = harness('taken-over', { already: null });
    expect(await callOnce(steps)).toEqual({ claimed: true, result: 'done' });
    expect(log).toEqual(['claim', 'read', 'call', 'record:done:call']);
  });

  it('without a provider read, a takeover calls again (the provider keys the call itself)', async () => {
    const { log, steps } = harness('taken-over');
    expect(await callOnce({ ...steps, readProviderState: undefined })).toEqual({ claimed: true, result: 'done' });
    expect(log).toEqual(['claim', 'call', 'record:done:call']);
  });

  it('a failed call is not recorded as an outcome: it is rethrown, or answered by `failed`', async () => {
    const outage = new Error('outage');
    const { log, steps } = harness('won', { fail: outage });
    await expect(callOnce(steps)).rejects.toBe(outage);
    expect(log).toEqual(['claim', 'call']);
    const failed = async (err: unknown) => `failed:${(err as Error).message}`;
    expect(await callOnce({ ...steps, failed })).toEqual({ claimed: true, result: 'failed:outage' });
    expect(log).toEqual(['claim', 'call', 'claim', 'call']);
  });
});
