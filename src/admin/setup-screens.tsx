/**
 * The first-run checklist (`/admin/setup`, "skip for now") and the return address screen, the one
 * setup step that had no screen of its own.
 */
import { type Context, Hono } from 'hono';
import { findShopById, type ShopRow } from '../db/shops';
import { AppError } from '../http/errors';
import { readForm } from '../http/form-body';
import { can } from '../team/roles';
import {
  ReturnAddressPage,
  type ReturnAddressPageProps,
  type ReturnAddressProblem,
} from '../views/admin/return-address-page';
import { SetupPage } from '../views/admin/setup-page';
import type { AdminEnv } from './auth/screen-auth';
import { renderAdmin } from './render';
import {
  type ReturnAddressField,
  returnAddressFields,
  returnAddressForm,
  returnAddressOf,
  saveReturnAddress,
} from './return-address';
import { dismissSetup, loadSetupChecklist, RETURN_ADDRESS_PATH } from './setup-checklist';

export const setupScreens = new Hono<AdminEnv>();

async function shopOf(c: Context<AdminEnv>): Promise<ShopRow> {
  const shop = await findShopById(c.get('services'), c.get('shopId'));
  if (!shop) throw new AppError('not_found', 'The shop is gone.');
  return shop;
}

setupScreens.get('/setup', async (c) => {
  const checklist = await loadSetupChecklist(c.get('services'), await shopOf(c));
  return renderAdmin(
    c,
    <SetupPage
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
      checklist={checklist}
      canDismiss={can(c.get('principal').role, 'policy.write')}
      notice={c.req.query('dismissed') === '1' ? 'dismissed' : undefined}
    />,
  );
});

setupScreens.post('/setup/dismiss', async (c) => {
  await dismissSetup(c.get('services'), c.get('shopId'), c.get('actor'));
  return c.redirect('/admin/setup?dismissed=1', 303);
});

const addressPage = (
  c: Context<AdminEnv>,
  rest: Omit<ReturnAddressPageProps, 'shop' | 'csrf'>,
  status: 200 | 400 = 200,
) => renderAdmin(c, <ReturnAddressPage shop={c.get('shopDomain')} csrf={c.get('csrf')} {...rest} />, status);

setupScreens.get('/settings/return-address', async (c) => {
  const shop = await shopOf(c);
  return addressPage(c, { values: returnAddressOf(shop.settings), saved: c.req.query('saved') === '1' });
});

/** What zod's complaint about a field means to the merchant. */
function problemOf(code: string, message: string): ReturnAddressProblem {
  if (message === 'country') return 'country';
  return code === 'too_big' ? 'tooLong' : 'required';
}

setupScreens.post('/settings/return-address', async (c) => {
  const form = await readForm(c);
  const posted = Object.fromEntries(
    returnAddressFields.map((k) => [k, typeof form[k] === 'string' ? (form[k] as string) : '']),
  ) as Record<ReturnAddressField, string>;
  const parsed = returnAddressForm.safeParse(posted);
  if (!parsed.success) {
    const errors: Partial<Record<ReturnAddressField, ReturnAddressProblem>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ReturnAddressField;
      errors[field] ??= problemOf(issue.code, issue.message);
    }
    return addressPage(c, { values: posted, errors }, 400);
  }
  await saveReturnAddress(c.get('services'), await shopOf(c), parsed.data, c.get('actor'));
  return c.redirect(`${RETURN_ADDRESS_PATH}?saved=1`, 303);
});
