// The `bot` role's Matrix part: starts the bot when Matrix is configured.
import type { RoleStarter } from '../../app/start.js';
import { startMatrixBot } from './bot.js';

export const matrixRoleStarter: RoleStarter = async (app) => (app.config.matrix ? startMatrixBot(app) : undefined);
