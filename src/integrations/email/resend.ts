import { EmailError, isPermanentStatus, type EmailSender, type OutgoingEmail } from './types';

/**
 * Resend over `fetch`. The notification id is the `Idempotency-Key`, so a retry after a timeout
 * (the email went out, we never heard back) returns the first email's id instead of sending again.
 * @see https://resend.com/docs/api-reference/emails/send-email
 * @see https://resend.com/docs/dashboard/emails/idempotency-keys
 */
export class ResendEmail implements EmailSender {
  readonly provider = 'resend' as const;
  constructor(
    private readonly apiKey: string,
    // Global `fetch`, read per call (tests intercept it with MSW; nothing is captured at construction).
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly baseUrl = 'https://api.resend.com',
  ) {}

  async send(email: OutgoingEmail) {
    const body: Record<string, unknown> = {
      from: email.from,
      to: [email.to],
      subject: email.subject,
      text: email.text,
    };
    if (email.html) body.html = email.html;
    if (email.replyTo) body.reply_to = email.replyTo;
    if (email.headers && Object.keys(email.headers).length) body.headers = email.headers;
    let res: Response;
    try {
      res = await this.fetcher(`${this.baseUrl}/emails`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${this.apiKey}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': email.id,
        },
        body: JSON.stringify(body),
      });
    } catch (err) {
      throw new EmailError(`resend: ${err instanceof Error ? err.message : String(err)}`, false);
    }
    const text = await res.text();
    if (!res.ok) throw new EmailError(`resend ${res.status}: ${text.slice(0, 300)}`, isPermanentStatus(res.status));
    const id = (JSON.parse(text) as { id?: unknown }).id;
    if (typeof id !== 'string') throw new EmailError(`resend: no id in ${text.slice(0, 200)}`, false);
    return { providerId: id };
  }
}
