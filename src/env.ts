import * as z from 'zod';
import { HOW_TO_MAKE_A_SECRET, weakSecretReason } from './lib/keys';
import { parseKeyring } from './lib/keyring';
import type { CaseClock } from './sla/case-clock';
import type { Dispatcher } from './team/dispatcher';

/** Bindings declared in wrangler.toml plus secrets (`wrangler secret put`, `.dev.vars` locally). */
export interface Env {
  DB: D1Database;
  EVENTS: Queue<EventMessage>;
  EVENTS_DLQ: Queue<EventMessage>;
  JOBS: Queue<unknown>;
  JOBS_DLQ: Queue<unknown>;
  PHOTOS: R2Bucket;
  /** Raw inbound mail and its attachments (src/conversations): kept apart from photos for its own retention. */
  MAIL: R2Bucket;
  CASE_CLOCK: DurableObjectNamespace<CaseClock>;
  /** One per shop: serializes assignment (src/team/dispatcher.ts). */
  DISPATCHER: DurableObjectNamespace<Dispatcher>;
  LOOKUP_LIMITER?: RateLimit;
  HELP_LIMITER?: RateLimit;
  APP_VERSION: string;
  INTEGRATIONS: string;
  /** `1` under `npm run dev` only: the first cron tick seeds the demo shop's history (src/review/demo-history-step.ts). */
  DEMO_HISTORY?: string;
  SHOPIFY_API_KEY: string;
  SHOPIFY_API_SECRET: string;
  STRIPE_SECRET_KEY: string;
  STRIPE_WEBHOOK_SECRET: string;
  STRIPE_API_BASE?: string;
  ADMIN_TOKEN: string;
  APP_SECRET: string;
  /** Keyring of stored Shopify tokens, `k2:<base64 32 bytes>,k1:<…>` (first encrypts); unset: a subkey of APP_SECRET. */
  TOKEN_ENCRYPTION_KEYS?: string;
  /** Optional: email delivery (Resend or Postmark) and EasyPost for real pickups. */
  RESEND_API_KEY?: string;
  POSTMARK_SERVER_TOKEN?: string;
  EMAIL_FROM?: string;
  EASYPOST_API_KEY?: string;
  PUBLIC_URL?: string;
  /** Optional Cloudflare `send_email` binding for outbox delivery (jobs). */
  SEND_EMAIL?: SendEmail;
  /** `off` commits each webhook row alone; `on` (the default) group-commits concurrent acks. */
  WEBHOOK_GROUP_COMMIT?: string;
  /** Database per shop: JSON `{ "<shop id>": "DB_<N>" }`; shops not named live in `DB` (src/db/client.ts). */
  SHARDS?: string;
}

/** A message on the `events` queue: the id of a stored webhook event. */
export interface EventMessage {
  eventId: string;
}

const settingsSchema = z.object({
  APP_VERSION: z.string().default('0.0.0'),
  INTEGRATIONS: z.enum(['live', 'local']).default('live'),
  SHOPIFY_API_KEY: z.string().min(1),
  SHOPIFY_API_SECRET: z.string().min(1),
  STRIPE_SECRET_KEY: z.string().min(1),
  STRIPE_WEBHOOK_SECRET: z.string().min(1),
  STRIPE_API_BASE: z.url().optional(),
  ADMIN_TOKEN: z.string().min(32, `needs at least 32 random characters; make one with ${HOW_TO_MAKE_A_SECRET}`),
  APP_SECRET: z.string().superRefine((value, ctx) => {
    const reason = weakSecretReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: `too weak: ${reason}; make one with ${HOW_TO_MAKE_A_SECRET}` });
  }),
  TOKEN_ENCRYPTION_KEYS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined || value === '') return;
      const parsed = parseKeyring(value);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
    }),
  RESEND_API_KEY: z.string().optional(),
  POSTMARK_SERVER_TOKEN: z.string().optional(),
  EMAIL_FROM: z.string().optional(),
  EASYPOST_API_KEY: z.string().optional(),
  PUBLIC_URL: z.url().optional(),
  WEBHOOK_GROUP_COMMIT: z.enum(['on', 'off']).default('on'),
});

export type Settings = z.infer<typeof settingsSchema>;

const cache = new WeakMap<object, Settings>();

/** The environment cannot run Aftercare: `names` are the settings at fault (never their values). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly names: string[],
    detail: string,
  ) {
    super(`Aftercare is misconfigured: ${detail} (see .dev.vars.example)`);
  }
}

/**
 * Vars and secrets, validated once per isolate and env object. A missing or weak secret throws a
 * `ConfigError` saying which one and how to fix it (the fetch handler answers 503 until it is fixed).
 */
export function settings(env: Env): Settings {
  let parsed = cache.get(env);
  if (!parsed) {
    const result = settingsSchema.safeParse(env);
    if (!result.success) {
      const names = [...new Set(result.error.issues.map((i) => i.path.join('.')))];
      const detail = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new ConfigError(names, detail);
    }
    parsed = result.data;
    cache.set(env, parsed);
  }
  return parsed;
}
