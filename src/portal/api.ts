/**
 * The Shopper API (`/api/portal/:shop/*`, CONTRACT.md): lookup, photo upload and download, open a
 * return, read its status. Thin: each route validates, calls the portal services, serializes.
 */
import { zValidator } from '@hono/zod-validator';
import { Hono, type MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { uploadBodyLimit } from '../http/body-limits';
import { AppError } from '../http/errors';
import { bearerClaims, shopFromPath, type PortalContext, type PortalEnv } from './context';
import { exchangeOptions } from './exchange-options';
import { helpApi } from './help-api';
import { helpFeedbackApi } from './help-feedback-api';
import { lookupOrder } from './lookup';
import { checkPhoto, checkPhotoQuota, MAX_PHOTOS_PER_REQUEST, readPhoto, storePhoto } from './photos';
import { clientAddress } from './rate-limit';
import { returnRequestSchema } from './return-request';
import { caseJson, orderJson } from './serialize';
import { loadShopperCase } from './shopper-case';
import { loadShopperOrder, type ShopperOrder } from './shopper-order';
import { openShopperReturn } from './open';
import { MAX_SHOPPER_MESSAGE_LENGTH, postShopperMessage } from '../conversations/shopper-message';
import { openContactInquiry } from '../conversations/contact';

export const portalApi = new Hono<PortalEnv>();

const invalid = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) => {
  if (!result.success) {
    throw new AppError('validation_failed', 'The request body is not valid.', {
      extra: { issues: result.error?.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
    });
  }
};

portalApi.use('/:shop/*', shopFromPath('/api/portal'));
portalApi.route('/', helpApi);
portalApi.route('/', helpFeedbackApi);

async function requireClaims(c: PortalContext) {
  const claims = await bearerClaims(c);
  if (!claims) {
    throw new AppError(
      'unauthorized',
      'Send Authorization: Bearer <shopper token> from a lookup; it may have expired.',
      {
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      },
    );
  }
  return claims;
}

export async function optionsFor(c: PortalContext, so: ShopperOrder) {
  const s = c.get('services');
  const entries = await Promise.all(
    so.lines.map(
      async (l) =>
        [
          l.id,
          so.eligibility.get(l.id)?.eligible ? await exchangeOptions(s, so.shop, l.productId, l.variantId) : [],
        ] as const,
    ),
  );
  return new Map(entries);
}

portalApi.post(
  '/:shop/lookup',
  zValidator('json', z.object({ order: z.string().min(1).max(64), email: z.string().min(3).max(320) }), invalid),
  async (c) => {
    const body = c.req.valid('json');
    const s = c.get('services');
    const { token, claims, so } = await lookupOrder(
      s,
      c.get('shop'),
      clientAddress(c.req.raw.headers),
      body.order,
      body.email,
    );
    return c.json({ token, expiresAt: claims.expiresAt, order: orderJson(so, c.get('f'), await optionsFor(c, so)) });
  },
);

/** The shopper token, checked before a byte of the (up to ~49 MB) body is read. */
const claimsFirst: MiddlewareHandler<PortalEnv> = async (c, next) => {
  await requireClaims(c);
  await next();
};

portalApi.post('/:shop/photos', claimsFirst, uploadBodyLimit, async (c) => {
  const claims = await requireClaims(c);
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('multipart/form-data'))
    throw new AppError('unsupported_media_type', 'Send multipart/form-data with one or more `photo` files.');
  // A multipart body without its boundary, or cut short, cannot be parsed: the sender's fault (400), not a 500.
  const form = await c.req.formData().catch((err: unknown) => {
    throw err instanceof TypeError
      ? new AppError('bad_request', 'The multipart body could not be read.', { cause: err })
      : err;
  });
  const files = ([...form.getAll('photo'), ...form.getAll('file')] as unknown as Array<File | string>).filter(
    (v): v is File => typeof v !== 'string',
  );
  if (files.length === 0) throw new AppError('validation_failed', 'No `photo` file in the form.');
  if (files.length > MAX_PHOTOS_PER_REQUEST)
    throw new AppError('validation_failed', `At most ${MAX_PHOTOS_PER_REQUEST} photos at once.`);
  const s = c.get('services');
  // Every file is checked before any is stored: a refused upload leaves nothing behind in R2.
  for (const file of files) await checkPhoto(file);
  await checkPhotoQuota(s, claims.shopId, claims.orderId, files.length);
  const stored = [];
  for (const file of files) stored.push(await storePhoto(s, claims.shopId, claims.orderId, file));
  return c.json({ photos: stored }, 201);
});

portalApi.get('/:shop/photos/:key{.+}', async (c) => {
  const claims = await requireClaims(c);
  const obj = await readPhoto(c.get('services'), claims.shopId, claims.orderId, c.req.param('key'));
  return new Response(obj.body, {
    headers: {
      'content-type': obj.httpMetadata?.contentType ?? 'application/octet-stream',
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});

portalApi.post('/:shop/returns', zValidator('json', returnRequestSchema, invalid), async (c) => {
  const claims = await requireClaims(c);
  const s = c.get('services');
  const so = await loadShopperOrder(s, c.get('shop'), claims.orderId);
  if (!so) throw new AppError('not_found', 'The order of this token no longer exists.');
  // Optional `Idempotency-Key` (as Stripe's): a client retrying after a timeout gets the case the
  // first attempt opened, marked `Idempotent-Replayed: true`, instead of a second return.
  const key = c.req.header('idempotency-key');
  if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key))
    throw new AppError('bad_request', 'Idempotency-Key must be 1 to 255 visible ASCII characters.');
  const { caseId, replayed } = await openShopperReturn(s, so, c.req.valid('json'), {
    claims,
    f: c.get('f'),
    requestKey: key === undefined ? undefined : `api:${claims.orderId}:${key}`,
  });
  const view = await loadShopperCase(s, claims.shopId, claims.orderId, caseId);
  if (!view) throw new Error(`case ${caseId} vanished after opening`);
  return c.json(caseJson(view), 201, {
    location: `/api/portal/${so.shop.domain}/returns/${caseId}`,
    ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
});

portalApi.get('/:shop/returns/:id', async (c) => {
  const claims = await requireClaims(c);
  const view = await loadShopperCase(c.get('services'), claims.shopId, claims.orderId, c.req.param('id'));
  if (!view) throw new AppError('not_found', 'No such return for this order.');
  return c.json(caseJson(view));
});

const messageBody = z.object({ body: z.string().trim().min(1).max(MAX_SHOPPER_MESSAGE_LENGTH) });

portalApi.post('/:shop/returns/:id/messages', async (c) => {
  // The token first: a stranger learns nothing, not even whether the body would have been valid.
  const claims = await requireClaims(c);
  const parsed = messageBody.safeParse(await c.req.json().catch(() => null));
  invalid(parsed);
  const s = c.get('services');
  const input = { shopId: claims.shopId, orderId: claims.orderId, caseId: c.req.param('id') };
  await postShopperMessage(s, { ...input, body: parsed.data!.body });
  const view = await loadShopperCase(s, input.shopId, input.orderId, input.caseId);
  if (!view) throw new AppError('not_found', 'No such return for this order.');
  return c.json(caseJson(view), 201);
});

const contactBody = z.object({
  body: z.string().trim().min(1).max(MAX_SHOPPER_MESSAGE_LENGTH),
  subject: z.string().trim().max(200).optional(),
  email: z.string().min(3).max(320).optional(),
  order: z.string().min(1).max(64).optional(),
});

/** A shopper token, or the order number and email (the lookup's check and rate limit); answers a new token then. */
async function contactOrder(c: PortalContext, body: z.infer<typeof contactBody>) {
  if (c.req.header('authorization') !== undefined) return { orderId: (await requireClaims(c)).orderId, token: null };
  if (!body.email || !body.order)
    throw new AppError('validation_failed', 'Send a shopper token, or the order number and email address.');
  const s = c.get('services');
  const found = await lookupOrder(s, c.get('shop'), clientAddress(c.req.raw.headers), body.order, body.email);
  return { orderId: found.so.order.id, token: found.token };
}

portalApi.post('/:shop/contact', async (c) => {
  if (c.req.header('authorization') !== undefined) await requireClaims(c);
  const parsed = contactBody.safeParse(await c.req.json().catch(() => null));
  invalid(parsed);
  const body = parsed.data!;
  const { orderId, token } = await contactOrder(c, body);
  const s = c.get('services');
  const shop = c.get('shop');
  const { caseId } = await openContactInquiry(s, { shop, orderId, subject: body.subject ?? null, body: body.body });
  const view = await loadShopperCase(s, shop.id, orderId, caseId);
  if (!view) throw new Error(`case ${caseId} vanished after opening`);
  return c.json({ ...caseJson(view), ...(token ? { token } : {}) }, 201, {
    location: `/api/portal/${shop.domain}/returns/${caseId}`,
  });
});
