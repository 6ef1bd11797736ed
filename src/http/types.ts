import type { Env } from '../env';
import type { Services } from '../services';
import type { Principal } from '../team/principal';

/** Hono generics for every router: bindings and the per-request variables middleware sets. */
export interface AppBindings {
  Bindings: Env;
  Variables: {
    requestId: string;
    services: Services;
    /** Set by the admin auth middleware: the shop the caller is allowed to see. */
    shopId: string;
    shopDomain: string;
    /** Who acts, for the case audit trail (`operator` or a member id); set by admin auth. */
    actor: string;
    /** The caller's identity and role; set by admin auth, checked by `authorize()`. */
    principal: Principal;
    /** Filled by handlers for the request log line. */
    logFields: Record<string, unknown>;
  };
}
