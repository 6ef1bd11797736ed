import { renderAdmin } from './render';
import { Hono } from 'hono';
import { evaluateLines } from '../cases/policy';
import type { Policy } from '../cases/policy-schema';
import { loadOrderFacts } from '../db/order-facts';
import { findShopById, shopPolicy, type ShopRow } from '../db/shops';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import { PolicyPage, type PreviewLine } from '../views/admin/policy-page';
import { rotateWebhookSigningSecret, webhookSigningSecret } from '../notifications/outbound-webhook';
import { SlaPage } from '../views/admin/sla-page';
import type { AdminEnv } from './auth/screen-auth';
import { returnPolicyFromForm, slaFromForm, type Form } from './policy-form';
import {
  addBlocklistEntry,
  findOrderIdByName,
  listBlocklist,
  removeBlocklistEntry,
  savePolicy,
} from './settings-store';
import { readForm } from '../http/form-body';

/** Policy editor (with the "try it on an order" preview), blocklist and SLA settings. */
export const settingsScreens = new Hono<AdminEnv>();

async function shopOf(s: Services, shopId: string): Promise<ShopRow> {
  const shop = await findShopById(s, shopId);
  if (!shop) throw new AppError('not_found', 'The shop is gone.');
  return shop;
}

const flat = (f: Form) =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === 'string')) as Record<string, string>;

/** The shopper's view of an order under a candidate policy: the same facts and `evaluateLines` the portal uses. */
async function previewOrder(s: Services, shop: ShopRow, policy: Policy, orderName: string) {
  const orderId = await findOrderIdByName(s, shop.id, orderName);
  if (!orderId) return { orderName, lines: null, error: `No order ${orderName} in this shop.` };
  const facts = await loadOrderFacts(s, { id: shop.id, timezone: shop.timezone }, policy, orderId);
  if (!facts) return { orderName, lines: null, error: `No order ${orderName} in this shop.` };
  const results = evaluateLines(facts.facts);
  const lines: PreviewLine[] = facts.lines.map((l, i) => ({
    title: l.variantTitle ? `${l.title} (${l.variantTitle})` : l.title,
    quantity: l.quantity,
    result: results[i]!,
  }));
  return { orderName, lines };
}

settingsScreens.get('/policy', async (c) => {
  const s = c.get('services');
  const shop = await shopOf(s, c.get('shopId'));
  const preview = c.req.query('order')
    ? await previewOrder(s, shop, shopPolicy(shop), c.req.query('order')!)
    : undefined;
  return renderAdmin(
    c,
    <PolicyPage
      shop={shop.domain}
      csrf={c.get('csrf')}
      currency={shop.currency}
      policy={shopPolicy(shop)}
      saved={c.req.query('saved') === '1'}
      blocklist={await listBlocklist(s, shop.id)}
      preview={preview}
    />,
  );
});

settingsScreens.post('/policy', async (c) => {
  const s = c.get('services');
  const shop = await shopOf(s, c.get('shopId'));
  const form = (await readForm(c)) as Form;
  const current = shopPolicy(shop);
  const parsed = returnPolicyFromForm(form, current, shop.currency);
  const posted = flat(form);
  const render = async (status: 200 | 400, extra: Partial<Parameters<typeof PolicyPage>[0]>) =>
    renderAdmin(
      c,
      <PolicyPage
        shop={shop.domain}
        csrf={c.get('csrf')}
        currency={shop.currency}
        policy={current}
        posted={posted}
        blocklist={await listBlocklist(s, shop.id)}
        {...extra}
      />,
      status,
    );
  if (!parsed.ok) return render(400, { errors: parsed.errors });
  if (posted.intent === 'preview') {
    const name = posted.previewOrder ?? '';
    if (!name) return render(400, { errors: [{ path: 'previewOrder', message: 'Enter an order number to preview.' }] });
    return render(200, { preview: await previewOrder(s, shop, parsed.policy, name) });
  }
  await savePolicy(s, shop.id, parsed.policy);
  return c.redirect('/admin/policy?saved=1', 303);
});

settingsScreens.post('/policy/blocklist', async (c) => {
  const s = c.get('services');
  const form = await readForm(c);
  const value = typeof form.value === 'string' ? form.value.trim() : '';
  if (!/^[^@\s]+@[^@\s]+$/.test(value)) throw new AppError('validation_failed', 'Enter an email address to block.');
  await addBlocklistEntry(
    s,
    c.get('shopId'),
    'email',
    value,
    typeof form.reason === 'string' && form.reason.trim() ? form.reason.trim().slice(0, 500) : null,
  );
  return c.redirect('/admin/policy', 303);
});

settingsScreens.post('/policy/blocklist/remove', async (c) => {
  const form = await readForm(c);
  if (typeof form.id !== 'string') throw new AppError('validation_failed', 'Which entry?');
  await removeBlocklistEntry(c.get('services'), c.get('shopId'), form.id);
  return c.redirect('/admin/policy', 303);
});

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
  await rotateWebhookSigningSecret(s, c.get('shopId'));
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
  await savePolicy(s, shop.id, parsed.policy);
  return c.redirect('/admin/sla?saved=1', 303);
});
