/**
 * A minimal Shopify Admin GraphQL client: one POST per operation to the pinned API version, the
 * offline token in `X-Shopify-Access-Token`, top-level `errors` and throttling surfaced as errors
 * so the job retries. Kept to `fetch` so tests can record the exact request.
 */
export const SHOPIFY_ADMIN_API_VERSION = '2026-04';

export interface ShopifyCredentials {
  /** `name.myshopify.com` */
  shop: string;
  accessToken: string;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export class ShopifyAdminError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly details?: unknown,
    /** True only when Shopify certainly did not run the operation (429, THROTTLED): safe to send again. */
    readonly notExecuted = false,
  ) {
    super(message);
    this.name = 'ShopifyAdminError';
  }
}

export function adminGraphqlUrl(shop: string): string {
  return `https://${shop}/admin/api/${SHOPIFY_ADMIN_API_VERSION}/graphql.json`;
}

/**
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04 (endpoint, authentication header)
 * @see https://shopify.dev/docs/api/usage/rate-limits (THROTTLED errors are retryable)
 */
export async function adminGraphql<T>(
  fetchFn: FetchLike,
  creds: ShopifyCredentials,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const res = await fetchFn(adminGraphqlUrl(creds.shop), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-shopify-access-token': creds.accessToken,
    },
    body: JSON.stringify({ query, variables }),
  });
  if (!res.ok) {
    throw new ShopifyAdminError(
      `Shopify Admin API answered ${res.status}`,
      res.status === 429 || res.status >= 500,
      await res.text().catch(() => ''),
      res.status === 429,
    );
  }
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) {
    const throttled = body.errors.some((e) => e.extensions?.code === 'THROTTLED');
    throw new ShopifyAdminError(
      `Shopify Admin API: ${body.errors.map((e) => e.message).join('; ')}`,
      throttled,
      body.errors,
      throttled,
    );
  }
  if (!body.data) throw new ShopifyAdminError('Shopify Admin API answered without data', true);
  return body.data;
}

/** Mutations answer `userErrors`; any is a business refusal (not retryable). */
export function assertNoUserErrors(
  operation: string,
  payload: { userErrors?: Array<{ field?: string[] | null; message: string }> } | null | undefined,
): void {
  const errors = payload?.userErrors ?? [];
  if (errors.length)
    throw new ShopifyAdminError(
      `${operation}: ${errors.map((e) => `${(e.field ?? []).join('.')} ${e.message}`.trim()).join('; ')}`,
      false,
      errors,
    );
}
