// `npm run bench`: every benchmark in turn, each in its own process with the
// bot's production heap cap, at the sizes bench/README.md reports.
// `npm run bench -- --quick` runs small sizes (a smoke run, a minute or two).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const quick = process.argv.includes('--quick');
const here = path.dirname(fileURLToPath(import.meta.url));
const RUNS: [string, string[]][] = quick
  ? [
      ['enrich.ts', []],
      ['pipeline.ts', ['--feeds', '20', '--new', '5']],
      ['unchanged.ts', ['--feeds', '50']],
      ['latency.ts', ['--feeds', '100', '--every', '5s', '--seconds', '10', '--rate', '10']],
      ['lookups.ts', ['--sizes', '1000', '--runs', '20']],
      ['digests.ts', ['--subs', '10,100']],
      ['scale-out.ts', ['--feeds', '20', '--new', '5', '--workers', '1,2']],
    ]
  : [
      ['enrich.ts', []],
      ['pipeline.ts', ['--feeds', '200', '--seed', '20', '--new', '20']],
      ['pipeline.ts', ['--feeds', '100', '--seed', '30', '--new', '20']],
      ['pipeline.ts', ['--feeds', '1000', '--seed', '30', '--new', '20']],
      ['unchanged.ts', ['--feeds', '100,1000']],
      ['latency.ts', ['--feeds', '1000', '--every', '10s', '--seconds', '40', '--rate', '20']],
      ['lookups.ts', ['--sizes', '1000,10000,100000']],
      ['digests.ts', ['--subs', '10,100,1000']],
      ['scale-out.ts', ['--feeds', '200', '--new', '20', '--workers', '1,2,4', '--dist']],
    ];

// Worker processes run the compiled bot, as deployed.
spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', cwd: path.join(here, '..') });

let failed = 0;
for (const [script, args] of RUNS) {
  console.log(`\n### ${script} ${args.join(' ')}`);
  const run = spawnSync(process.execPath, ['--max-old-space-size=192', '--import', 'tsx', path.join(here, script), ...args], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
