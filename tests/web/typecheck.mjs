// Type-checks web/nexus-api.d.ts, and the TypeScript a UI writes against it, with the TypeScript
// of web/node_modules. Exits 77 (which ctest counts as skipped) when it is not installed.
//   node typecheck.mjs FILE...

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SKIPPED = 77;
const tsc = fileURLToPath(new URL('../../web/node_modules/typescript/bin/tsc', import.meta.url));

if (!existsSync(tsc)) {
  console.log(`skipped: no TypeScript at ${tsc}; scripts/install-deps.sh installs it (npm ci --prefix web)`);
  process.exit(SKIPPED);
}
const options = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--lib', 'es2022,dom'];
const { status } = spawnSync(process.execPath, [tsc, ...options, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(status ?? 1);
