import { createApp } from './app';
import type { Env } from './env';
import { handleQueue } from './queues';
import { runSweep } from './queue/sweep';
import { registerSlaHandler } from './commands/effects';
import { handleSlaEffect } from './sla/clock-client';

export { CaseClock } from './sla/case-clock';

const app = createApp();
// Commands' `sla` effects reach each case's CaseClock (fetch, queue and cron paths alike).
registerSlaHandler(handleSlaEffect);

export default {
  fetch: app.fetch,
  queue: (batch, env, ctx) => handleQueue(batch, env, ctx),
  scheduled: (controller, env, ctx) => {
    ctx.waitUntil(runSweep(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
