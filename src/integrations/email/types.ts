/** One email leaving the outbox. `id` is the notification id: providers that take one use it as the idempotency key. */
export interface OutgoingEmail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  replyTo?: string | null;
  /** Extra headers, e.g. `List-Unsubscribe` on surveys. */
  headers?: Record<string, string>;
}

export interface EmailSendResult {
  /** The provider's message id (`local:<notification id>` for the local outbox). */
  providerId: string;
}

export interface EmailSender {
  readonly provider: 'resend' | 'postmark' | 'cloudflare' | 'local' | 'unconfigured';
  send(email: OutgoingEmail): Promise<EmailSendResult>;
}

/**
 * A failed send. `permanent` failures (a rejected address, a bad request) are not retried: the
 * notification is marked failed at once; anything else (network, 429, 5xx) retries with backoff.
 */
export class EmailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'EmailError';
  }
}

/** 4xx other than 408/409/429 will fail the same way again; 5xx, 429 and network errors may not. */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 409 && status !== 429;
}
