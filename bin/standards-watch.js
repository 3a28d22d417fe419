#!/usr/bin/env -S node --max-old-space-size=192
// Runs the compiled CLI (npm run build writes dist/).
import '../dist/cli.js';
