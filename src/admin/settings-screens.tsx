import { renderAdmin } from './render';
import { Hono } from 'hono';
import { findShopById, shopPolicy, type ShopRow } from '../db/shops';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import { rotateWebhookSigningSecret, webhookSigningSecret } from '../notifications/outbound-webhook';
import { SlaPage } from '../views/admin/sla-page';
import type { AdminEnv } from './auth/screen-auth';
import { slaFromForm, type Form } from './policy-form';
import { policyScreens } from './policy-screens';
import { savePolicy } from './settings-store';
import { readForm } from '../http/form-body';

/** The return policy screen (policy-screens.tsx) and the SLA settings. */
export const settingsScreens = new Hono<AdminEnv>();

async function shopOf(s: Services, shopId: string): Promise<ShopRow> {
  const shop = await findShopById(s, shopId);
  if (!shop) throw new AppError('not_found', 'The shop is gone.');
  return shop;
}

const flat = (f: Form) =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === 'string')) as Record<string, string>;

settingsScreens.route('/', policyScreens);

settingsScreens.get('/sla', async (c) => {
  const s = c.get('services');
  const shop = await shopOf(s, c.get('shopId'));
  return renderAdmin(
    c,
    <SlaPage
      shop={shop.domain}
      csrf={c.get('csrf')}
      policy={shopPolicy(shop)}
      saved={c.req.query('saved') === '1'}
      rotated={c.req.query('rotated') === '1'}
      webhookSecret={await webhookSigningSecret(s, shop.id)}
    />,
  );
});

/** A new webhook signing secret; the old one stops at once (the screen says so before the button). */
settingsScreens.post('/sla/webhook-secret', async (c) => {
  const s = c.get('services');
  await rotateWebhookSigningSecret(s, c.get('shopId'), c.get('actor'));
  return c.redirect('/admin/sla?rotated=1', 303);
});

settingsScreens.post('/sla', async (c) => {
  const s = c.get('services');
  const shop = await shopOf(s, c.get('shopId'));
  const form = (await readForm(c)) as Form;
  const current = shopPolicy(shop);
  const parsed = slaFromForm(form, current);
  if (!parsed.ok)
    return renderAdmin(
      c,
      <SlaPage
        shop={shop.domain}
        csrf={c.get('csrf')}
        policy={current}
        posted={flat(form)}
        errors={parsed.errors}
        webhookSecret={await webhookSigningSecret(s, shop.id)}
      />,
      400,
    );
  await savePolicy(s, shop.id, { before: current, policy: parsed.policy, actor: c.get('actor') });
  return c.redirect('/admin/sla?saved=1', 303);
});
