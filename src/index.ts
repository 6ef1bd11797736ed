import { createApp } from './app';
import type { Env } from './env';
import { handleQueue } from './queues';
import { runSweep } from './cron';

export { CaseClock } from './sla/case-clock';
export { Dispatcher } from './team/dispatcher';

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env, ctx) => handleQueue(batch, env, ctx),
  scheduled: (controller, env, ctx) => {
    ctx.waitUntil(runSweep(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
