/**
 * Limits for merchant-authored templates (LiquidJS's DoS guards), bundled ones are far below them.
 * Liquid has no unbounded loop, but nested ranges multiply: `memoryLimit` counts every range, array
 * and string a render creates, so `{% for a in (1..1000) %}{% for b in (1..1000) %}` stops at it.
 * `renderLimit` is wall time, which in workerd only advances on I/O: the memory limit is what bites.
 */
export const TEMPLATE_LIMITS = {
  /** Characters parsed per template section. */
  parseLimit: 100_000,
  /** Milliseconds per render. */
  renderLimit: 1_000,
  /** Range items, array items and string characters created per render. */
  memoryLimit: 1_000_000,
} as const;
