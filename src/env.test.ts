import { describe, expect, it } from 'vitest';
import { ConfigError, type Env, settings } from './env';

const good = {
  SHOPIFY_API_KEY: 'k',
  SHOPIFY_API_SECRET: 's',
  STRIPE_SECRET_KEY: 'sk',
  STRIPE_WEBHOOK_SECRET: 'wh',
  ADMIN_TOKEN: 'env-test-admin-token-Hq2Wm7Pz4Lx9Rb',
  APP_SECRET: 'env-test-app-secret-Qw3Er5Ty7Ui9Op1As2Df4Gh6Jk',
} as unknown as Env;

const attempt = (over: Record<string, unknown>) => {
  try {
    settings({ ...good, ...over } as Env);
    return null;
  } catch (err) {
    return err as ConfigError;
  }
};

describe('settings: secrets strong enough to run on', () => {
  it('refuses a short APP_SECRET, naming it and how to make one', () => {
    const err = attempt({ APP_SECRET: 'dev-app-secret' });
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.names).toEqual(['APP_SECRET']);
    expect(err!.message).toMatch(/APP_SECRET: too weak: it is 14 characters/);
    expect(err!.message).toContain('openssl rand -base64 32');
    expect(err!.message).not.toContain('dev-app-secret');
  });

  it('refuses an ADMIN_TOKEN under 32 characters', () => {
    expect(attempt({ ADMIN_TOKEN: 'dev-admin-token' })?.names).toEqual(['ADMIN_TOKEN']);
  });

  it('refuses a malformed TOKEN_ENCRYPTION_KEYS without echoing a key', () => {
    const short = btoa('sixteen-bytes!!!');
    const err = attempt({ TOKEN_ENCRYPTION_KEYS: `k1:${short}` });
    expect(err?.names).toEqual(['TOKEN_ENCRYPTION_KEYS']);
    expect(err!.message).not.toContain(short);
    expect(attempt({ TOKEN_ENCRYPTION_KEYS: `app:${btoa('x'.repeat(32))}` })?.message).toMatch(/reserved/);
    const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    expect(attempt({ TOKEN_ENCRYPTION_KEYS: `k2:${key}, k1:${key}` })).toBeNull();
    expect(attempt({ TOKEN_ENCRYPTION_KEYS: `k1:${key},k1:${key}` })?.message).toMatch(/twice/);
  });

  it('accepts strong values', () => {
    expect(attempt({})).toBeNull();
  });
});
