// The root pino logger: pretty in a terminal, JSON lines otherwise, always on
// stderr (stdout belongs to command output such as `once --json`), secrets redacted.
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export const REDACT_PATHS = [
  'token', '*.token', 'accessToken', '*.accessToken', 'apiKey', '*.apiKey', 'adminToken', '*.adminToken',
  'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', 'password', '*.password',
  'config.discord.token', 'config.matrix.accessToken', 'config.summarizer.apiKey', 'config.http.adminToken',
];

/** Removes secrets that may sit inside free text such as URLs or error messages. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  return out.replace(/(access_token=)[^&\s"]+/gi, '$1[redacted]').replace(/(Bearer |Bot )[A-Za-z0-9._~+/=-]{12,}/g, '$1[redacted]');
}

export interface LoggerOptions {
  level: string;
  pretty?: boolean;
  secrets?: readonly (string | undefined)[];
  destination?: NodeJS.WritableStream;
}

export function createLogger(opts: LoggerOptions): Logger {
  const secrets = opts.secrets ?? [];
  const options = {
    level: opts.level,
    base: undefined,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: {
      // Free-text secrets (a token inside a URL or an error message) are scrubbed too.
      streamWrite: (line: string) => scrubSecrets(line, secrets),
    },
  };
  const usePretty = opts.pretty ?? Boolean(process.stderr.isTTY);
  if (opts.destination) return pino(options, opts.destination);
  if (usePretty) return pino(options, pretty({ destination: 2, sync: true, colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' }));
  return pino(options, pino.destination({ fd: 2, sync: false }));
}
