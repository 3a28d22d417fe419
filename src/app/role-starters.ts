// What each role starts besides the pipeline: the chat adapters (bot) and the
// HTTP server (http). Each starts only where it is configured.
import { startDiscordRole } from '../bot/discord/bot.js';
import type { MatrixBot } from '../bot/matrix/bot.js';
import { matrixRoleStarter } from '../bot/matrix/starter.js';
import { startHttp } from '../http/start.js';
import type { Role, RoleStarter } from './start.js';

export const roleStarters: Partial<Record<Role, RoleStarter[]>> = {
  bot: [
    async (app) => {
      const bot = await startDiscordRole(app);
      if (bot) app.platformStatus.discord = () => bot.connected();
      return bot;
    },
    async (app, ctx) => {
      const bot = (await matrixRoleStarter(app, ctx)) as MatrixBot | undefined;
      if (bot) app.platformStatus.matrix = () => bot.connected();
      return bot;
    },
  ],
  http: [(app, { roles }) => startHttp(app, { roles, metrics: app.metrics })],
};
