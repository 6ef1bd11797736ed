/**
 * Return photos in R2 (`PHOTOS`). Keys are `<shopId>/pending-<orderId>/<random>.<ext>` until a case
 * exists; each object records the shop and order it belongs to, and is served only to a shopper
 * whose token names that order. Type is checked by the file's magic bytes, not its name.
 */
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REQUEST } from '../http/body-limits';
import { AppError } from '../http/errors';
import { toBase64Url } from '../lib/crypto';
import type { Services } from '../services';

export { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REQUEST };
/** Photos one order may hold in R2: a few for each of its lines, and room to try again. */
export const MAX_PHOTOS_PER_ORDER = 40;
/** An upload no case refers to after this long was abandoned (`removeOrphanedPhotos`). */
export const ORPHANED_PHOTO_MS = 24 * 60 * 60 * 1000;

/** The R2 prefix of an order's uploads. */
export const orderPhotoPrefix = (shopId: string, orderId: string) => `${shopId}/pending-${orderId}/`;

/** 422 when `adding` more photos would put the order past `MAX_PHOTOS_PER_ORDER`. */
export async function checkPhotoQuota(s: Services, shopId: string, orderId: string, adding: number): Promise<void> {
  if (adding === 0) return;
  const listed = await s.env.PHOTOS.list({ prefix: orderPhotoPrefix(shopId, orderId), limit: MAX_PHOTOS_PER_ORDER });
  const held = listed.objects.length + (listed.truncated ? 1 : 0);
  if (held + adding > MAX_PHOTOS_PER_ORDER)
    throw new AppError('unprocessable', `An order can have at most ${MAX_PHOTOS_PER_ORDER} photos.`, {
      extra: { lines: [] },
    });
}

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic';
const extension: Record<PhotoType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

/** The image type from the first bytes, or null: a renamed .exe is not a photo. */
export function sniffPhotoType(head: Uint8Array): PhotoType | null {
  const at = (i: number) => head[i] ?? -1;
  const ascii = (from: number, to: number) => String.fromCharCode(...head.slice(from, to));
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp' && ['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis', 'hevc'].includes(ascii(8, 12)))
    return 'image/heic';
  return null;
}

export interface StoredPhoto {
  key: string;
  type: PhotoType;
  size: number;
}

/** The file's image type; 413 when too big, 400 when empty, 415 when not a supported image. */
export async function checkPhoto(file: File): Promise<PhotoType> {
  if (file.size > MAX_PHOTO_BYTES)
    throw new AppError('payload_too_large', `Each photo must be at most 8 MB; "${file.name}" is larger.`);
  if (file.size === 0) throw new AppError('validation_failed', `"${file.name}" is empty.`);
  const type = sniffPhotoType(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  if (!type) throw new AppError('unsupported_media_type', `"${file.name}" is not a JPEG, PNG, WebP or HEIC image.`);
  return type;
}

/** Checks and stores one uploaded file (see `checkPhoto` for the refusals). */
export async function storePhoto(s: Services, shopId: string, orderId: string, file: File): Promise<StoredPhoto> {
  const type = await checkPhoto(file);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const key = `${orderPhotoPrefix(shopId, orderId)}${toBase64Url(crypto.getRandomValues(new Uint8Array(12)))}.${extension[type]}`;
  await s.env.PHOTOS.put(key, bytes, {
    httpMetadata: { contentType: type },
    customMetadata: { shopId, orderId, uploadedAt: String(s.clock.now()) },
  });
  return { key, type, size: bytes.byteLength };
}

/** True when `key` is a photo this shopper (shop + order) uploaded. */
export function photoBelongsTo(key: string, shopId: string, orderId: string): boolean {
  return key.startsWith(orderPhotoPrefix(shopId, orderId)) && !key.includes('..') && key.length < 300;
}

/** The photo for its owner, or not_found (the same answer whether it exists or is someone else's). */
export async function readPhoto(s: Services, shopId: string, orderId: string, key: string): Promise<R2ObjectBody> {
  if (!photoBelongsTo(key, shopId, orderId)) throw new AppError('not_found', 'No such photo.');
  const obj = await s.env.PHOTOS.get(key);
  if (!obj || obj.customMetadata?.orderId !== orderId || obj.customMetadata?.shopId !== shopId)
    throw new AppError('not_found', 'No such photo.');
  return obj;
}
