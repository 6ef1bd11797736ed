import type { EmailSender, OutgoingEmail } from './types';

/**
 * `npm run dev` and tests: nothing leaves the machine. The message is already in the outbox
 * (`notifications`, readable through `GET /api/admin/outbox`); sending marks it sent with provider
 * `local`. `sent` keeps every call so tests can assert what would have gone out, and how often.
 */
export class LocalOutboxEmail implements EmailSender {
  readonly provider = 'local' as const;
  readonly sent: OutgoingEmail[] = [];

  async send(email: OutgoingEmail) {
    this.sent.push(email);
    return { providerId: `local:${email.id}` };
  }
}
