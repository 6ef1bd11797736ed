import { describe, expect, it } from 'vitest';
import { fixture, fixtureNames } from './mail-fixtures.test-support';
import { type InboundMail, parseInboundMail } from './parse-mail';
import { authResults, type ScreenReason, screenInbound, screenSize } from './screen-mail';

const MB = 1024 * 1024;

async function screenFixture(name: string) {
  const raw = fixture(name);
  const result = await parseInboundMail(raw);
  if (!result.ok) throw new Error(result.error.message);
  return screenInbound(result.mail, { maxBytes: 25 * MB, rawSize: raw.byteLength });
}

const refused: Record<string, ScreenReason> = {
  'auto-reply.eml': 'auto_submitted',
  'bounce.eml': 'bounce',
  'bulk-list.eml': 'bulk',
  'dmarc-fail.eml': 'auth_failed',
};

async function plainMail(headers: string): Promise<InboundMail> {
  const result = await parseInboundMail(`${headers}From: a@example.com\r\nSubject: hi\r\n\r\nhello there\r\n`);
  if (!result.ok) throw new Error(result.error.message);
  return result.mail;
}

describe('screenInbound', () => {
  it.each(fixtureNames)('screens %s as its README says', async (name) => {
    const verdict = await screenFixture(name);
    const reason = refused[name];
    expect(verdict).toEqual(reason ? expect.objectContaining({ accept: false, reason }) : { accept: true });
  });

  it('refuses an oversized message with a bounce text, before reading it', () => {
    expect(screenSize(26 * MB, 25 * MB)).toEqual({
      accept: false,
      reason: 'too_large',
      bounce: 'Message too large: the limit for this address is 25 MB',
    });
    expect(screenSize(25 * MB, 25 * MB)).toEqual({ accept: true });
  });

  it('bounces a DMARC failure but drops robots silently', async () => {
    expect(await screenFixture('dmarc-fail.eml')).toHaveProperty('bounce');
    expect(await screenFixture('auto-reply.eml')).not.toHaveProperty('bounce');
  });

  it('accepts Auto-Submitted: no and refuses any other value', async () => {
    const options = { maxBytes: MB, rawSize: 100 };
    expect(screenInbound(await plainMail('Auto-Submitted: no (a person)\r\n'), options)).toEqual({ accept: true });
    expect(screenInbound(await plainMail('Auto-Submitted: auto-generated\r\n'), options)).toMatchObject({
      reason: 'auto_submitted',
    });
    expect(screenInbound(await plainMail('X-Autorespond: 1\r\n'), options)).toMatchObject({ reason: 'auto_submitted' });
  });

  it('refuses postmaster and Precedence: junk or list, but not Precedence: first-class', async () => {
    const options = { maxBytes: MB, rawSize: 100 };
    const postmaster = await parseInboundMail('From: postmaster@example.com\r\n\r\nx');
    expect(postmaster.ok && screenInbound(postmaster.mail, options)).toMatchObject({ reason: 'bounce' });
    expect(screenInbound(await plainMail('Precedence: junk\r\n'), options)).toMatchObject({ reason: 'bulk' });
    expect(screenInbound(await plainMail('Precedence: list\r\n'), options)).toMatchObject({ reason: 'bulk' });
    expect(screenInbound(await plainMail('Precedence: first-class\r\n'), options)).toEqual({ accept: true });
  });

  it('refuses a message without any sender', async () => {
    const result = await parseInboundMail('Subject: nobody\r\n\r\nhello');
    expect(result.ok && screenInbound(result.mail, { maxBytes: MB, rawSize: 30 })).toEqual({
      accept: false,
      reason: 'no_sender',
    });
  });

  it('ignores a dmarc=fail the sender wrote below the trusted header or from another server', async () => {
    const options = { maxBytes: MB, rawSize: 100 };
    const pass = 'Authentication-Results: mx.cloudflare.net; dmarc=pass header.from=example.com\r\n';
    const forged = 'Authentication-Results: mx.cloudflare.net; dmarc=fail header.from=example.com\r\n';
    const other = 'Authentication-Results: mx.other.example; dmarc=fail\r\n';
    expect(screenInbound(await plainMail(pass + forged), options)).toEqual({ accept: true });
    expect(screenInbound(await plainMail(other), options)).toEqual({ accept: true });
    expect(screenInbound(await plainMail(forged), options)).toMatchObject({ reason: 'auth_failed' });
  });
});

describe('authResults', () => {
  it('reads the authserv-id and each method result, comments removed', () => {
    const { authServId, results } = authResults(
      'mx.cloudflare.net; dkim=pass (signature ok; good) header.d=x; dmarc=fail (p=REJECT) header.from=x; spf=none',
    );
    expect(authServId).toBe('mx.cloudflare.net');
    expect(Object.fromEntries(results)).toEqual({ dkim: 'pass', dmarc: 'fail', spf: 'none' });
  });
});
