import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';

/**
 * One per case: keeps the case's SLA deadlines and exactly one alarm for the earliest of them.
 * Native RPC (typed methods on the stub), SQLite-backed storage.
 */
export class CaseClock extends DurableObject<Env> {
  override async alarm(): Promise<void> {
    // Filled in by the SLA work: record breach/warning once, escalate, re-arm.
  }
}
