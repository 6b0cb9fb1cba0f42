// Start-up cost of the command: median wall time of `iamwhy --version` and of a
// full explain from one policy file (spawned processes, so it includes Node's own start).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const bin = fileURLToPath(new URL('../bin/iamwhy.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'iamwhy-bench-'));
const policyFile = join(dir, 'policy.json');
writeFileSync(policyFile, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] }));

function median(args, runs = 15) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    spawnSync(process.execPath, [bin, ...args], { stdio: 'ignore' });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const node = (() => {
  const times = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[7];
})();
const version = median(['--version']);
const explainRun = median(['arn:aws:iam::111111111111:user/alice', 's3:GetObject', '-r', 'arn:aws:s3:::bucket/key', '-i', policyFile, '-o', 'quiet']);
console.log(`startup: node -e 0 ${node.toFixed(0)} ms; iamwhy --version ${version.toFixed(0)} ms; iamwhy explain (one policy file, service data for s3) ${explainRun.toFixed(0)} ms (medians of 15 runs)`);
