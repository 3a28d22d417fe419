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
      try {
        return await startHttp(app, { roles, metrics: app.metrics });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
        // The bot is still useful without its web pages; say plainly why they are missing.
        app.log.error({ port: app.config.http.port }, `HTTP_PORT ${app.config.http.port} is already in use: the status page, feeds and metrics are off. Set HTTP_PORT to a free port (or 0), or leave out the http role.`);
        return undefined;
      }
    },
  ],
};
