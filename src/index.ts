import { createApp } from './app';
import type { Env } from './env';
import { handleQueue } from './queues';
import { runSweep } from './cron';
import { handleEmail } from './conversations/email-handler';

export { CaseClock } from './sla/case-clock';
export { Dispatcher } from './team/dispatcher';

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env, ctx) => handleQueue(batch, env, ctx),
  email: async (message, env, ctx) => {
    await handleEmail(message, env, ctx);
  },
  scheduled: (controller, env, ctx) => {
    ctx.waitUntil(runSweep(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
