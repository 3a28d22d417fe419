// What each role starts besides the pipeline: the chat adapters (bot) and the
// HTTP server (http). Each is loaded and started only where it is configured
// (discord.js, matrix-js-sdk and fastify are large).
import type { Role, RoleStarter } from './start.js';

export const roleStarters: Partial<Record<Role, RoleStarter[]>> = {
  bot: [
    async (app) => {
      if (!app.config.discord) return undefined;
      const { startDiscordBot } = await import('../bot/discord/bot.js');
      const bot = await startDiscordBot(app);
      app.platformStatus.discord = () => bot.connected();
      return bot;
    },
    async (app) => {
      if (!app.config.matrix) return undefined;
      const { startMatrixBot } = await import('../bot/matrix/bot.js');
      const bot = await startMatrixBot(app);
      app.platformStatus.matrix = () => bot.connected();
      return bot;
    },
  ],
  http: [
    async (app, { roles }) => {
      const { startHttp } = await import('../http/start.js');
      return startHttp(app, { roles, metrics: app.metrics });
    },
  ],
};
