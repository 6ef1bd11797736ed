/**
 * The return policy screen: `GET/POST /admin/policy` (the editor; row buttons, try-it and save
 * are all posts of one form), the blocklist, and the JSON export and import for power users.
 */
import { Hono, type Context } from 'hono';
import type { Policy } from '../cases/policy-schema';
import { findShopById, shopPolicy, type ShopRow } from '../db/shops';
import { AppError } from '../http/errors';
import { readForm } from '../http/form-body';
import { reasonLabel } from '../i18n';
import type { Services } from '../services';
import { listMembers } from '../team/members';
import { PolicyPage, type PolicyPageProps } from '../views/admin/policy-page';
import type { AdminEnv } from './auth/screen-auth';
import type { PolicyError } from './policy-compile';
import { draftFromPolicy, type Form, type PolicyDraft } from './policy-draft';
import { applyEdit } from './policy-edits';
import { returnPolicyFromForm } from './policy-form';
import { importPolicyJson } from './policy-import';
import { trialRequest, tryPolicy } from './policy-trial';
import { renderAdmin } from './render';
import {
  addBlocklistEntry,
  listBlocklist,
  policySuggestions,
  removeBlocklistEntry,
  savePolicy,
} from './settings-store';

export const policyScreens = new Hono<AdminEnv>();
type Ctx = Context<AdminEnv>;

async function shopOf(c: Ctx): Promise<ShopRow> {
  const shop = await findShopById(c.get('services'), c.get('shopId'));
  if (!shop) throw new AppError('not_found', 'The shop is gone.');
  return shop;
}

const text = (f: Form, k: string) => {
  const v = f[k];
  const last = Array.isArray(v) ? v.at(-1) : v;
  return typeof last === 'string' ? last.trim() : '';
};
const flat = (f: Form) => Object.fromEntries(Object.keys(f).map((k) => [k, text(f, k)]));

/** Everything the page shows besides the rows: the shop's menus (reasons, tags, types, members, orders). */
async function pageProps(c: Ctx, shop: ShopRow, draft: PolicyDraft, rest: Partial<PolicyPageProps>) {
  const s: Services = c.get('services');
  const policy = shopPolicy(shop);
  const [suggested, members, blocklist] = await Promise.all([
    policySuggestions(s, shop.id),
    listMembers(s, shop.id),
    listBlocklist(s, shop.id),
  ]);
  const locale = c.get('fmt').locale;
  const reasons = draft.reasons
    .filter((r) => r.code)
    .map((r) => ({ code: r.code, label: reasonLabel(r, locale, r.code) }));
  const props: PolicyPageProps = {
    shop: shop.domain,
    csrf: c.get('csrf'),
    policy,
    draft,
    choices: {
      currency: shop.currency,
      reasons,
      customerTags: [...new Set([...policy.vipTags, ...suggested.customerTags])],
      productTypes: suggested.productTypes,
      members: members.map((m) => ({ id: m.id, name: m.name })),
    },
    orderNames: suggested.orderNames,
    offered: draft.reasons.filter((r) => r.code && !r.retired).map((r) => r.code),
    blocklist,
    ...rest,
  };
  return props;
}

policyScreens.get('/policy', async (c) => {
  const shop = await shopOf(c);
  const policy = shopPolicy(shop);
  const order = c.req.query('order');
  const tryRequest = order
    ? trialRequest(policy, order, c.req.query('reason') ?? '', c.req.query('resolution') ?? '')
    : undefined;
  const trial = tryRequest ? await tryPolicy(c.get('services'), shop, policy, tryRequest) : undefined;
  const notice = c.req.query('saved') === '1' ? 'saved' : c.req.query('imported') === '1' ? 'imported' : undefined;
  const props = await pageProps(c, shop, draftFromPolicy(policy, shop.currency), { notice, tryRequest, trial });
  return renderAdmin(c, <PolicyPage {...props} />, trial && !trial.ok ? 404 : 200);
});

/** "Try it": the posted (unsaved) policy on an order; an order the shop does not have is a 400 on the field. */
async function tryIt(
  c: Ctx,
  shop: ShopRow,
  policy: Policy,
  form: Form,
  base: Partial<PolicyPageProps>,
  draft: PolicyDraft,
) {
  const tryRequest = trialRequest(policy, text(form, 'tryOrder'), text(form, 'tryReason'), text(form, 'tryResolution'));
  const refuse = async (key: PolicyError['key']) => {
    const errors = [{ field: 'tryOrder', key }];
    return renderAdmin(c, <PolicyPage {...(await pageProps(c, shop, draft, { ...base, tryRequest, errors }))} />, 400);
  };
  if (!tryRequest.orderName) return refuse('policy.error.tryOrder');
  const trial = await tryPolicy(c.get('services'), shop, policy, tryRequest);
  if (!trial.ok) return refuse('policy.error.noOrder');
  return renderAdmin(c, <PolicyPage {...(await pageProps(c, shop, draft, { ...base, tryRequest, trial }))} />);
}

policyScreens.post('/policy', async (c) => {
  const shop = await shopOf(c);
  const form = (await readForm(c, true)) as Form;
  const intent = text(form, 'intent');
  const parsed = returnPolicyFromForm(form, shopPolicy(shop), shop.currency);
  const base = { posted: flat(form) };
  const edited = applyEdit(parsed.draft, intent);
  if (edited) return renderAdmin(c, <PolicyPage {...(await pageProps(c, shop, edited, base))} />);
  if (!parsed.ok)
    return renderAdmin(
      c,
      <PolicyPage {...(await pageProps(c, shop, parsed.draft, { ...base, errors: parsed.errors }))} />,
      400,
    );
  if (intent === 'try') return tryIt(c, shop, parsed.policy, form, base, parsed.draft);
  if (intent !== 'save') {
    const errors = [{ field: 'policy-form', key: 'policy.error.intent' as const }];
    return renderAdmin(c, <PolicyPage {...(await pageProps(c, shop, parsed.draft, { ...base, errors }))} />, 400);
  }
  const change = { before: shopPolicy(shop), policy: parsed.policy, actor: c.get('actor') };
  await savePolicy(c.get('services'), shop.id, change, { reviewed: true });
  return c.redirect('/admin/policy?saved=1', 303);
});

policyScreens.get('/policy/export', async (c) => {
  const shop = await shopOf(c);
  c.header('content-disposition', `attachment; filename="policy-${shop.domain.replace(/[^a-z0-9.-]/gi, '_')}.json"`);
  return c.json(shopPolicy(shop));
});

policyScreens.post('/policy/import', async (c) => {
  const shop = await shopOf(c);
  const json = text((await readForm(c)) as Form, 'json');
  const imported = importPolicyJson(json);
  if (!imported.ok) {
    const props = await pageProps(c, shop, draftFromPolicy(shopPolicy(shop), shop.currency), {
      json: { text: json, errors: imported.errors },
      errors: imported.errors,
    });
    return renderAdmin(c, <PolicyPage {...props} />, 400);
  }
  const change = { before: shopPolicy(shop), policy: imported.policy, actor: c.get('actor') };
  await savePolicy(c.get('services'), shop.id, change, { reviewed: true });
  return c.redirect('/admin/policy?imported=1', 303);
});

/** A refused blocklist form: the policy page again, the problem beside the blocklist's field. */
async function blocklistRefused(c: Ctx, error: PolicyError) {
  const shop = await shopOf(c);
  const props = await pageProps(c, shop, draftFromPolicy(shopPolicy(shop), shop.currency), { errors: [error] });
  return renderAdmin(c, <PolicyPage {...props} />, 400);
}

policyScreens.post('/policy/blocklist', async (c) => {
  const form = (await readForm(c)) as Form;
  const value = text(form, 'value');
  if (!/^[^@\s]+@[^@\s]+$/.test(value) || value.length > 254)
    return blocklistRefused(c, { field: 'blockValue', key: 'policy.error.email' });
  const reason = text(form, 'reason').slice(0, 500) || null;
  await addBlocklistEntry(c.get('services'), c.get('shopId'), { kind: 'email', value, reason }, c.get('actor'));
  return c.redirect('/admin/policy', 303);
});

policyScreens.post('/policy/blocklist/remove', async (c) => {
  const id = text((await readForm(c)) as Form, 'id');
  if (!id) return blocklistRefused(c, { field: 'blockValue', key: 'policy.error.blockEntry' });
  await removeBlocklistEntry(c.get('services'), c.get('shopId'), id, c.get('actor'));
  return c.redirect('/admin/policy', 303);
});
