import type { Env, Settings } from '../../env';
import { CloudflareEmail } from './cloudflare';
import { LocalOutboxEmail } from './local';
import { PostmarkEmail } from './postmark';
import { ResendEmail } from './resend';
import { EmailError, type EmailSender } from './types';

export * from './types';
export { CloudflareEmail, LocalOutboxEmail, PostmarkEmail, ResendEmail };

/** Live with nothing configured: fail each send permanently and visibly rather than pretend. */
class UnconfiguredEmail implements EmailSender {
  readonly provider = 'unconfigured' as const;
  async send(): Promise<never> {
    throw new EmailError(
      'no email provider configured (set RESEND_API_KEY, POSTMARK_SERVER_TOKEN or a SEND_EMAIL binding)',
      true,
    );
  }
}

/** Local in `INTEGRATIONS=local`; otherwise the first configured of Resend, Postmark, `send_email`. */
export function createEmailSender(env: Env, settings: Settings): EmailSender {
  if (settings.INTEGRATIONS === 'local') return new LocalOutboxEmail();
  if (settings.RESEND_API_KEY) return new ResendEmail(settings.RESEND_API_KEY);
  if (settings.POSTMARK_SERVER_TOKEN) return new PostmarkEmail(settings.POSTMARK_SERVER_TOKEN);
  if (env.SEND_EMAIL) return new CloudflareEmail(env.SEND_EMAIL);
  return new UnconfiguredEmail();
}
