import { env } from 'cloudflare:workers';
import type { Env } from '../../src/env';

/**
 * The test's bindings with some replaced, as a new object. `Object.create(env)` with assigned
 * properties would not do: assigning through a prototype that is the pool's env proxy sets the
 * property on the shared env itself, so the next test file (one workerd runs many) got the replaced
 * D1 or queue.
 */
export function envWith(overrides: Partial<Env>): Env {
  return { ...(env as Env), ...overrides };
}
