import { EmailError, isPermanentStatus, type EmailSender, type OutgoingEmail } from './types';

/**
 * Postmark over `fetch`. Postmark has no idempotency key: the outbox row's status (`sent` is never
 * sent again) and the notification id in `Metadata` are what keep a message single.
 * @see https://postmarkapp.com/developer/user-guide/send-email-with-api
 * @see https://postmarkapp.com/developer/api/email-api#send-a-single-email
 */
export class PostmarkEmail implements EmailSender {
  readonly provider = 'postmark' as const;
  constructor(
    private readonly serverToken: string,
    // Global `fetch`, read per call (tests intercept it with MSW; nothing is captured at construction).
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly messageStream = 'outbound',
  ) {}

  async send(email: OutgoingEmail) {
    const body: Record<string, unknown> = {
      From: email.from,
      To: email.to,
      Subject: email.subject,
      TextBody: email.text,
      MessageStream: this.messageStream,
      Metadata: { notification_id: email.id },
    };
    if (email.html) body.HtmlBody = email.html;
    if (email.replyTo) body.ReplyTo = email.replyTo;
    if (email.headers) body.Headers = Object.entries(email.headers).map(([Name, Value]) => ({ Name, Value }));
    let res: Response;
    try {
      res = await this.fetcher('https://api.postmarkapp.com/email', {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'X-Postmark-Server-Token': this.serverToken,
        },
        body: JSON.stringify(body),
      });
    } catch (err) {
      throw new EmailError(`postmark: ${err instanceof Error ? err.message : String(err)}`, false);
    }
    const text = await res.text();
    if (!res.ok) throw new EmailError(`postmark ${res.status}: ${text.slice(0, 300)}`, isPermanentStatus(res.status));
    const parsed = JSON.parse(text) as { MessageID?: unknown; ErrorCode?: unknown; Message?: unknown };
    if (parsed.ErrorCode !== 0 || typeof parsed.MessageID !== 'string')
      throw new EmailError(`postmark: ${String(parsed.Message)}`, true);
    return { providerId: parsed.MessageID };
  }
}
