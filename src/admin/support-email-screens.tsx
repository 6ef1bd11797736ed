/**
 * `/admin/settings/email`: the shop's support addresses (src/conversations/support-addresses.ts),
 * the same rules as the API. A refused form is shown again with its reason in the member's language.
 */
import { type Context, Hono } from 'hono';
import {
  createSupportAddress,
  listSupportAddresses,
  removeSupportAddress,
  supportAddressInput,
  supportAddressParam,
  supportAddressPatch,
  updateSupportAddress,
} from '../conversations/support-addresses';
import { AppError } from '../http/errors';
import { readForm } from '../http/form-body';
import {
  type SupportEmailDone,
  type SupportEmailError,
  SupportEmailPage,
  type SupportEmailPageProps,
} from '../views/admin/support-email-page';
import type { AdminEnv } from './auth/screen-auth';
import { renderAdmin } from './render';

export const supportEmailScreens = new Hono<AdminEnv>();

const PATH = '/admin/settings/email';
const dones: readonly SupportEmailDone[] = ['added', 'updated', 'removed'];

async function page(c: Context<AdminEnv>, extra: Partial<SupportEmailPageProps>, status: 200 | 400 | 404 | 409 = 200) {
  const addresses = await listSupportAddresses(c.get('services'), c.get('shopId'));
  return renderAdmin(
    c,
    <SupportEmailPage shop={c.get('shopDomain')} csrf={c.get('csrf')} addresses={addresses} {...extra} />,
    status,
  );
}

const doneRedirect = (c: Context<AdminEnv>, kind: SupportEmailDone, address: string) =>
  c.redirect(`${PATH}?${new URLSearchParams({ done: kind, address })}`, 303);

/** The refusal a service error stands for, with the HTTP status the page answers with. */
function refusal(err: unknown): { kind: SupportEmailError; status: 400 | 404 | 409 } | null {
  if (!(err instanceof AppError)) return null;
  if (err.code === 'conflict') return { kind: 'taken', status: 409 };
  if (err.code === 'not_found') return { kind: 'notFound', status: 404 };
  if (err.code === 'validation_failed') return { kind: 'replyDomain', status: 400 };
  return null;
}

const field = (form: Record<string, unknown>, name: string) => {
  const v = form[name];
  return typeof v === 'string' ? v.trim() : '';
};

supportEmailScreens.get('/settings/email', async (c) => {
  const done = c.req.query('done') as SupportEmailDone | undefined;
  const address = (c.req.query('address') ?? '').slice(0, 254);
  return page(c, { done: done && dones.includes(done) && address ? { kind: done, address } : undefined });
});

supportEmailScreens.post('/settings/email', async (c) => {
  const form = await readForm(c);
  const posted = {
    address: field(form, 'address'),
    replyFrom: field(form, 'replyFrom'),
    primary: field(form, 'primary') === '1',
  };
  const parsed = supportAddressInput.safeParse({
    address: posted.address,
    ...(posted.replyFrom ? { replyFrom: posted.replyFrom } : {}),
    primary: posted.primary,
  });
  if (!parsed.success)
    return page(c, { posted, error: { kind: 'invalid', address: posted.address.slice(0, 254) } }, 400);
  try {
    await createSupportAddress(c.get('services'), c.get('shopId'), parsed.data, c.get('actor'));
  } catch (err) {
    const r = refusal(err);
    if (!r) throw err;
    return page(c, { posted, error: { kind: r.kind, address: parsed.data.address } }, r.status);
  }
  return doneRedirect(c, 'added', parsed.data.address);
});

supportEmailScreens.post('/settings/email/:address', async (c) => {
  const address = supportAddressParam.safeParse(c.req.param('address'));
  if (!address.success)
    return page(c, { error: { kind: 'notFound', address: c.req.param('address').slice(0, 254) } }, 404);
  const form = await readForm(c);
  const replyFrom = field(form, 'replyFrom');
  const patch = supportAddressPatch.safeParse(
    field(form, 'primary') === '1' ? { primary: true } : { replyFrom: replyFrom || null },
  );
  if (!patch.success) return page(c, { error: { kind: 'invalid', address: replyFrom.slice(0, 254) } }, 400);
  try {
    await updateSupportAddress(c.get('services'), c.get('shopId'), address.data, patch.data, c.get('actor'));
  } catch (err) {
    const r = refusal(err);
    if (!r) throw err;
    return page(c, { error: { kind: r.kind, address: address.data } }, r.status);
  }
  return doneRedirect(c, 'updated', address.data);
});

supportEmailScreens.post('/settings/email/:address/remove', async (c) => {
  const address = supportAddressParam.safeParse(c.req.param('address'));
  const shown = c.req.param('address').slice(0, 254);
  if (!address.success) return page(c, { error: { kind: 'notFound', address: shown } }, 404);
  try {
    await removeSupportAddress(c.get('services'), c.get('shopId'), address.data, c.get('actor'));
  } catch (err) {
    const r = refusal(err);
    if (!r) throw err;
    return page(c, { error: { kind: r.kind, address: address.data } }, r.status);
  }
  return doneRedirect(c, 'removed', address.data);
});
