import '@shopify/shopify-api/adapters/cf-worker';
import { ApiVersion, LogSeverity, shopifyApi, type Shopify } from '@shopify/shopify-api';
import type { Settings } from '../env';

let instance: { key: string; api: Shopify } | undefined;

/**
 * The one configured Shopify library instance of this isolate, built lazily from the settings on
 * first use (and rebuilt only if the secret changes, which happens in tests, never in production).
 * Shared by webhook verification and anything else that needs the library.
 * @see https://github.com/Shopify/shopify-app-js/tree/main/packages/apps/shopify-api#readme
 */
export function shopifyFor(settings: Settings): Shopify {
  const key = `${settings.SHOPIFY_API_KEY}\u0000${settings.SHOPIFY_API_SECRET}`;
  if (instance?.key !== key) {
    const hostName = settings.PUBLIC_URL ? new URL(settings.PUBLIC_URL).host : 'localhost';
    instance = {
      key,
      api: shopifyApi({
        apiKey: settings.SHOPIFY_API_KEY,
        apiSecretKey: settings.SHOPIFY_API_SECRET,
        apiVersion: ApiVersion.April26,
        hostName,
        isEmbeddedApp: true,
        logger: { level: LogSeverity.Error },
      }),
    };
  }
  return instance.api;
}
