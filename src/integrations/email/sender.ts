/**
 * Who an email is from. Every notification speaks for one shop, and merchants write their own
 * templates, so no shop's email may look like the operator's: the address stays the operator's
 * verified sender (`EMAIL_FROM`, the only domain the provider will send for), the display name is
 * the shop's, and replies go to the shop's own address.
 * @see https://www.rfc-editor.org/rfc/rfc5322#section-3.4 (display-name, quoted-string)
 */
export const DEFAULT_EMAIL_FROM = 'Aftercare <no-reply@aftercare.local>';

const plainAddress = /^[^\s@<>"(),;:\\[\]]+@[^\s@<>"(),;:\\[\]]+\.[^\s@<>"(),;:\\[\]]+$/;

/** The bare address of `Name <addr>` or `addr`. */
export function addressOf(from: string): string {
  return (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim();
}

/** A display name that cannot close its quotes, add an address or a header line. */
function displayName(name: string): string {
  return (
    name
      // \p{Cc}: control characters (CR, LF, NUL…), which would start a new header line.
      .replace(/[\p{Cc}"\\<>]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 64)
  );
}

export interface ShopSender {
  from: string;
  replyTo: string | null;
}

/** `"<shop name>" <operator's address>`, replying to the shop's email when it is a plain address. */
export function shopSender(operatorFrom: string | undefined, shop: { name: string; email: string | null }): ShopSender {
  const address = addressOf(operatorFrom ?? DEFAULT_EMAIL_FROM);
  const name = displayName(shop.name);
  const replyTo = shop.email?.trim() ?? '';
  return {
    from: name ? `"${name}" <${address}>` : address,
    replyTo: plainAddress.test(replyTo) && replyTo.length <= 254 ? replyTo : null,
  };
}
