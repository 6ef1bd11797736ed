/**
 * The choose step's multipart form → a `ReturnRequest`, with per-field errors in the shopper's
 * language. Photos are checked (type by content, ≤ 8 MB) before any is stored, and stored only when
 * the whole form is valid, so a rejected form leaves nothing behind in R2.
 */
import type { Formatter } from '../i18n';
import type { Services } from '../services';
import type { VariantOption } from './exchange-options';
import { checkPhotoQuota, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REQUEST, sniffPhotoType, storePhoto } from './photos';
import { returnRequestSchema, type ReturnRequest } from './return-request';
import type { ShopperOrder } from './shopper-order';

type FormBody = Record<string, string | File | Array<string | File>>;

export type ChoiceResult =
  | { ok: true; request: ReturnRequest }
  | { ok: false; values: Record<string, string>; errors: Record<string, string>; formError?: string };

const str = (v: FormBody[string] | undefined): string =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
const files = (v: FormBody[string] | undefined): File[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is File => typeof x !== 'string' && x.size > 0);

export async function parseChoiceForm(
  s: Services,
  so: ShopperOrder,
  form: FormBody,
  options: Map<string, VariantOption[]>,
  days: Array<{ value: string; start: number; end: number }>,
  f: Formatter,
): Promise<ChoiceResult> {
  const t = f.t;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(form))
    if (typeof str(v) === 'string' && k !== '_csrf' && k !== 't') values[k] = str(v).slice(0, 1000);
  const errors: Record<string, string> = {};
  const resolution = str(form.resolution);
  const method = str(form.method);
  const chosen: Array<{
    lineId: string;
    quantity: number;
    reason: string;
    note: string;
    photos: File[];
    exchange: string;
  }> = [];

  for (const line of so.lines) {
    const e = so.eligibility.get(line.id);
    const quantity = Number.parseInt(str(form[`qty_${line.id}`]) || '0', 10);
    if (!e?.eligible || !Number.isFinite(quantity) || quantity <= 0) continue;
    const reason = str(form[`reason_${line.id}`]);
    const rule = so.policy.reasons.find((r) => r.code === reason);
    const photos = files(form[`photos_${line.id}`]);
    const exchange = str(form[`exchange_${line.id}`]);
    if (!rule) errors[`reason_${line.id}`] = `${line.title}: ${t('err.reason')}`;
    if (photos.length > MAX_PHOTOS_PER_REQUEST || photos.some((p) => p.size > MAX_PHOTO_BYTES))
      errors[`photos_${line.id}`] = `${line.title}: ${t('err.photoSize')}`;
    else {
      for (const p of photos) {
        if (!sniffPhotoType(new Uint8Array(await p.slice(0, 16).arrayBuffer())))
          errors[`photos_${line.id}`] = `${line.title}: ${t('err.photoType')}`;
      }
    }
    if (rule?.photoRequired && photos.length === 0 && !errors[`photos_${line.id}`])
      errors[`photos_${line.id}`] = `${line.title}: ${t('err.photo')}`;
    if (resolution === 'exchange') {
      const option = (options.get(line.id) ?? []).find((o) => o.variantId === exchange);
      if (!option || option.available < quantity) errors[`exchange_${line.id}`] = `${line.title}: ${t('err.exchange')}`;
    }
    chosen.push({
      lineId: line.id,
      quantity: Math.min(quantity, e.returnableQuantity),
      reason,
      note: str(form[`note_${line.id}`]).trim().slice(0, 1000),
      photos,
      exchange,
    });
  }

  let pickup: ReturnRequest['pickup'];
  if (method === 'pickup') {
    const day = days.find((d) => d.value === str(form.pickup_date));
    const address = {
      name: str(form.pickup_name).trim(),
      address1: str(form.pickup_address1).trim(),
      city: str(form.pickup_city).trim(),
      zip: str(form.pickup_zip).trim(),
      country: str(form.pickup_country).trim(),
    };
    if (!day || Object.values(address).some((v) => !v)) errors.pickup = t('err.pickup');
    else pickup = { address, window: { start: day.start, end: day.end } };
  }

  if (chosen.length === 0) return { ok: false, values, errors, formError: t('order.noneSelected') };
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };

  const request = (photoKeys: string[][]) =>
    returnRequestSchema.safeParse({
      items: chosen.map((c, i) => ({
        lineItemId: c.lineId,
        quantity: c.quantity,
        reason: c.reason,
        ...(c.note ? { note: c.note } : {}),
        ...(photoKeys[i]?.length ? { photos: photoKeys[i] } : {}),
        ...(resolution === 'exchange' ? { exchangeVariantId: c.exchange } : {}),
      })),
      resolution,
      method,
      ...(pickup ? { pickup } : {}),
    });
  // The whole request is checked with stand-in keys before any photo is stored: a refused form stores none.
  if (!request(chosen.map((c) => c.photos.map(() => 'pending'))).success)
    return { ok: false, values, errors, formError: t('order.fixErrors') };
  await checkPhotoQuota(
    s,
    so.shop.id,
    so.order.id,
    chosen.reduce((n, c) => n + c.photos.length, 0),
  );
  const keys: string[][] = [];
  for (const c of chosen) {
    const stored: string[] = [];
    for (const p of c.photos) stored.push((await storePhoto(s, so.shop.id, so.order.id, p)).key);
    keys.push(stored);
  }
  const parsed = request(keys);
  if (!parsed.success) return { ok: false, values, errors, formError: t('order.fixErrors') };
  return { ok: true, request: parsed.data };
}
