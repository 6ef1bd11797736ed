/**
 * The shopper emails a case transition sends, as outbox rows for the command's batch plus the
 * `deliver-notification` job that sends them. One message per fact: the dedupe key names the case
 * and the fact, so a retried command never emails twice.
 */
import { prepareNotification, type NotificationKind, type TemplateVars } from '../notifications/outbox';
import type { Services } from '../services';
import type { Effect } from '../queue/effects';

export interface CaseContact {
  shopId: string;
  shopDomain: string;
  caseId: string;
  caseNumber: number;
  orderId: string | null;
  orderName: string;
  email: string | null;
  customerName: string | null;
  locale: string;
}

export function statusUrl(s: Services, c: Pick<CaseContact, 'shopDomain' | 'caseId'>): string {
  return `${s.settings.PUBLIC_URL ?? ''}/portal/${c.shopDomain}/returns/${c.caseId}`;
}

export interface Prepared {
  statements: D1PreparedStatement[];
  effects: Effect[];
}

/** No email address (a Shopify-created return without one): nothing to prepare, nothing lost. */
export async function caseNotification<K extends NotificationKind>(
  s: Services,
  c: CaseContact,
  kind: K,
  fact: string,
  vars: TemplateVars<K>,
): Promise<Prepared> {
  if (!c.email) return { statements: [], effects: [] };
  const dedupeKey = `case:${c.caseId}:${fact}`;
  const statement = await prepareNotification(s, {
    shopId: c.shopId,
    kind,
    recipient: c.email,
    locale: c.locale,
    vars,
    dedupeKey,
    caseId: c.caseId,
    orderId: c.orderId,
  });
  return {
    statements: [statement],
    effects: [{ kind: 'job', message: { kind: 'deliver-notification', shopId: c.shopId, dedupeKey } }],
  };
}

export const caseLabel = (n: number) => `R-${n}`;
