/** Prefixed, time-ordered ids (`case_01J…`): 48-bit ms time + 80 random bits, Crockford base32. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type IdPrefix =
  | 'shop'
  | 'cus'
  | 'ord'
  | 'line'
  | 'shp'
  | 'case'
  | 'item'
  | 'cev'
  | 'rfd'
  | 'pku'
  | 'ntf'
  | 'srv'
  | 'evt'
  | 'blk'
  | 'tag'
  | 'job'
  | 'tpl'
  | 'req'
  | 'art'
  | 'hev'
  | 'mac'
  | 'msg'
  | 'mem'
  | 'mtk'
  | 'sil'
  | 'apr'
  | 'rev'
  | 'act'
  | 'alr'
  | 'proc'
  | 'dfl'
  | 'sev';

export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let rand = '';
  for (let i = 0; i < 16; i++) rand += alphabet[bytes[i]! % 32];
  return `${prefix}_${time}${rand}`;
}

export type IdGenerator = (prefix: IdPrefix) => string;
