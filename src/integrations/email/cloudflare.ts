import { EmailError, type EmailSender, type OutgoingEmail } from './types';

/**
 * Cloudflare Email Service through a `send_email` binding (optional; bind it as `SEND_EMAIL`).
 * The binding builds the MIME message from the structured fields.
 * @see https://developers.cloudflare.com/email-routing/email-workers/send-email-workers/
 */
export class CloudflareEmail implements EmailSender {
  readonly provider = 'cloudflare' as const;
  constructor(private readonly binding: SendEmail) {}

  async send(email: OutgoingEmail) {
    try {
      const result = await this.binding.send({
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.html ? { html: email.html } : {}),
        ...(email.replyTo ? { replyTo: email.replyTo } : {}),
        headers: { 'X-Aftercare-Notification': email.id, ...email.headers },
      });
      return { providerId: result.messageId };
    } catch (err) {
      throw new EmailError(`send_email: ${err instanceof Error ? err.message : String(err)}`, false);
    }
  }
}
