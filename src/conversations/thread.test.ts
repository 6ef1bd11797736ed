import { describe, expect, it } from 'vitest';
import { fixture } from './mail-fixtures.test-support';
import { parseInboundMail } from './parse-mail';
import { caseFromReplyAddress, caseIdOfMessageId, outgoingMessageId, replyAddressFor, threadKeysOf } from './thread';

const secret = 'test-reply-secret';
const shop = { shopId: 'shop_demo', secret };

describe('reply addresses', () => {
  it('round-trips a case number through its reply address', async () => {
    const address = await replyAddressFor({ ...shop, caseNumber: 1042, domain: 'Demo-Shop.example' });
    expect(address).toMatch(/^reply\+1042-[0-9a-f]{12}@demo-shop\.example$/);
    expect(await caseFromReplyAddress(address, shop)).toBe(1042);
    expect(await caseFromReplyAddress(address.toUpperCase(), shop)).toBe(1042);
  });

  it('accepts a CryptoKey as well as a secret string', async () => {
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const address = await replyAddressFor({ ...shop, caseNumber: 7, domain: 'x.example' });
    expect(await replyAddressFor({ shopId: 'shop_demo', secret: key, caseNumber: 7, domain: 'x.example' })).toBe(
      address,
    );
  });

  it('refuses another case number with the same tag, another shop and another secret', async () => {
    const address = await replyAddressFor({ ...shop, caseNumber: 1042, domain: 'demo-shop.example' });
    expect(await caseFromReplyAddress(address.replace('1042', '1043'), shop)).toBeNull();
    expect(await caseFromReplyAddress(address, { shopId: 'shop_other', secret })).toBeNull();
    expect(await caseFromReplyAddress(address, { shopId: 'shop_demo', secret: 'other' })).toBeNull();
  });

  it('refuses addresses that are not reply addresses', async () => {
    for (const address of ['support@demo-shop.example', 'reply+1042@x', 'reply+abc-123@x', '', 'reply+1-@x']) {
      expect(await caseFromReplyAddress(address, shop)).toBeNull();
    }
  });
});

describe('our Message-IDs', () => {
  it('name the case and round-trip through a parsed header', () => {
    const header = outgoingMessageId({ caseId: 'case_01JF0A', messageId: 'msg_01JF0B', domain: 'demo-shop.example' });
    expect(header).toBe('<case_01JF0A.msg_01JF0B@demo-shop.example>');
    expect(caseIdOfMessageId(header.slice(1, -1))).toBe('case_01JF0A');
    expect(caseIdOfMessageId('CAJ7x=erin.reply.1@mail.gmail.example')).toBeNull();
  });
});

describe('threadKeysOf', () => {
  it('threads a real Gmail reply by References newest first and by its reply address', async () => {
    const result = await parseInboundMail(fixture('gmail-reply.eml'));
    if (!result.ok) throw new Error(result.error.message);
    const keys = threadKeysOf(result.mail);
    expect(keys.messageIds).toEqual([
      'case_01JF00000000000000000000.msg_01JF00000000000000000002@demo-shop.example',
      'case_01JF00000000000000000000.msg_01JF00000000000000000001@demo-shop.example',
    ]);
    expect(keys.caseIds).toEqual(['case_01JF00000000000000000000']);
    expect(keys.replyAddresses).toEqual(['reply+1012-18d5a6d16862@demo-shop.example']);
    expect(await caseFromReplyAddress(keys.replyAddresses[0]!, shop)).toBe(1012);
  });

  it('threads an Outlook reply by In-Reply-To and finds a Bcc reply address in the envelope', async () => {
    const result = await parseInboundMail(fixture('outlook-reply.eml'));
    if (!result.ok) throw new Error(result.error.message);
    const keys = threadKeysOf(result.mail, 'Reply+9-abc@demo-shop.example');
    expect(keys.caseIds).toEqual(['case_01JF00000000000000000000']);
    expect(keys.replyAddresses).toEqual(['reply+9-abc@demo-shop.example']);
  });

  it('has nothing to look up for a first message', () => {
    expect(threadKeysOf({ inReplyTo: null, references: [], to: [], cc: [] })).toEqual({
      messageIds: [],
      caseIds: [],
      replyAddresses: [],
    });
  });
});
