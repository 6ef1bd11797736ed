import { createDb, databaseFor, type Db } from './db/client';
import type { Appliers } from './events/apply';
import { createAppliers } from './events/appliers';
import { prepareCaseReply } from './conversations/send-reply';
import { jobHandlers } from './job-handlers';
import type { JobHandlers } from './queue/consumer';
import type { SlaHandler } from './queue/effects';
import { handleSlaEffect } from './sla/clock-client';
import { createDispatch, dispatchOnSla, type Dispatch } from './team/dispatch-client';
import { settings, type Env, type Settings } from './env';
import { systemClock, type Clock } from './lib/clock';
import { newId, type IdGenerator } from './lib/ids';
import { createCarriers, type CarrierAdapter, type CarrierName } from './integrations/carriers';
import { createEmailSender, type EmailSender } from './integrations/email';
import { createShopifyAdminFor, createStripeRefundsFor } from './integrations/case-adapters';
import type { ShopifyAdmin } from './integrations/shopify/shopify-admin';
import type { StripeRefunds } from './integrations/stripe/stripe-refunds';

/**
 * Everything a request, a queue consumer or the Durable Object needs to do its work, built in one
 * place from the environment (the Unkey pattern). Integrations choose their real or local adapter
 * here, by `INTEGRATIONS`; tests swap any member.
 */
export interface Services {
  env: Env;
  settings: Settings;
  clock: Clock;
  newId: IdGenerator;
  /** The D1 database for a shop (see `databaseFor`: database per shop is a routing change). */
  d1(shopId?: string): D1Database;
  db(shopId?: string): Db;
  /** Outbox delivery (jobs): Resend / Postmark / send_email, or the local outbox. */
  email: EmailSender;
  /** Pickup carriers (jobs): EasyPost or manual instructions; local under INTEGRATIONS=local. */
  carrier(name: CarrierName): CarrierAdapter;
  /** Shopify Admin GraphQL (cases): returns, refunds, gift cards, variants; local under INTEGRATIONS=local. */
  shopifyAdmin: ShopifyAdmin;
  /** Stripe refunds (cases); local under INTEGRATIONS=local. */
  stripeRefunds: StripeRefunds;
  /** How commands' `sla` effects reach each case's CaseClock. */
  slaSignals: SlaHandler;
  /** How a case's public reply leaves (the conversation's thread, by email with its threading headers). */
  caseReplies: typeof prepareCaseReply;
  /** Each shop's Dispatcher (assignment); commands reach it through `slaSignals` (dispatchOnSla). */
  dispatcher: Dispatch;
  /** Topic → applier for stored webhook events. */
  appliers: Appliers;
  /** The jobs queue's handler per kind, and what happens after a job's last retry. */
  jobs: JobHandlers;
}

/** Built once per isolate: the tables are pure wiring, the same for every request. */
const appliers = createAppliers();

export function createServices(env: Env, overrides: Partial<Services> = {}): Services {
  const clock = overrides.clock ?? systemClock;
  const dbs = new Map<D1Database, Db>();
  const config = settings(env);
  const services: Services = {
    env,
    settings: config,
    clock,
    newId: (prefix) => newId(prefix, clock.now()),
    d1: (shopId) => databaseFor(env, shopId),
    db: (shopId) => {
      const d1 = databaseFor(env, shopId);
      let db = dbs.get(d1);
      if (!db) dbs.set(d1, (db = createDb(d1)));
      return db;
    },
    email: overrides.email ?? createEmailSender(env, config),
    carrier: overrides.carrier ?? createCarriers(config),
    shopifyAdmin: overrides.shopifyAdmin ?? createShopifyAdminFor(config),
    stripeRefunds: overrides.stripeRefunds ?? createStripeRefundsFor(config),
    slaSignals: dispatchOnSla(handleSlaEffect),
    caseReplies: prepareCaseReply,
    dispatcher: overrides.dispatcher ?? createDispatch(env),
    appliers,
    jobs: jobHandlers,
    ...overrides,
  };
  return services;
}
