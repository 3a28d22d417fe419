#!/usr/bin/env node
// The one entry point: hands argv, the environment and the standard streams to main.
import { main } from './main.js';

main(process.argv.slice(2), { ...process.env }, { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
    // Give pino and the streams a moment, then leave even if a socket lingers.
    setTimeout(() => process.exit(code), 200).unref();
  },
  (err: unknown) => {
    process.stderr.write(`standards-watch: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
