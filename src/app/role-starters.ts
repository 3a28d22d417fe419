// What each role starts besides the pipeline: the chat adapters (bot) and the
// HTTP server (http). Each adapter module adds its starter here.
import type { Role, RoleStarter } from './start.js';

export const roleStarters: Partial<Record<Role, RoleStarter[]>> = {
  bot: [],
  http: [],
};
