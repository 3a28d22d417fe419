// The Matrix sink the pipeline delivers with, built from config (for app.ts).
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { MatrixConfig } from '../../config/types.js';
import { createRedisLostRooms } from './lost-rooms.js';
import { createMatrixSink, type MatrixSink } from './sink.js';

export function matrixSinkFromConfig(matrix: MatrixConfig, deps: { redis: Redis; prefix: string; log: Logger }): MatrixSink {
  return createMatrixSink({
    homeserverUrl: matrix.homeserverUrl,
    userId: matrix.userId,
    accessToken: matrix.accessToken,
    log: deps.log.child({ module: 'matrix-sink' }),
    lostRooms: createRedisLostRooms(deps.redis, deps.prefix),
  });
}
