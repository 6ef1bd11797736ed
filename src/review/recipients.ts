/**
 * Who hears about a shop's reviews and early warnings: `settings.reviewRecipients` when set, else
 * the SLA alert addresses (`policy.sla.escalation.alertEmails`), else the shop's own email; and
 * the merchant webhook (`policy.sla.escalation.webhookUrl`, else `settings.webhookUrl`).
 */
import { z } from 'zod';
import { type ShopRow, shopPolicy } from '../db/shops';

const emails = z.array(z.email().max(254)).max(10);

export function reviewRecipients(shop: Pick<ShopRow, 'settings' | 'policy' | 'email'>): string[] {
  const own = emails.safeParse((shop.settings as Record<string, unknown>)?.reviewRecipients);
  if (own.success && own.data.length > 0) return own.data;
  const sla = shopPolicy(shop).sla.escalation.alertEmails;
  if (sla.length > 0) return sla;
  return shop.email ? [shop.email] : [];
}

export function merchantWebhookUrl(shop: Pick<ShopRow, 'settings' | 'policy'>): string | null {
  const fromPolicy = shopPolicy(shop).sla.escalation.webhookUrl;
  const fromSettings = z.url().safeParse((shop.settings as Record<string, unknown>)?.webhookUrl);
  return fromPolicy ?? (fromSettings.success ? fromSettings.data : null);
}
