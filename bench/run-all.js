// Runs every benchmark script in turn. Each prints its own figures.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const scripts = ['engine.js', 'startup.js', 'snapshot/bench.js'].filter((script) => existsSync(here + script));
let failed = false;
for (const script of scripts) {
  const run = spawnSync(process.execPath, [here + script], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
