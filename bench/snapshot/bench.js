// Benchmarks account snapshots on a large synthetic snapshot (see generate.js):
// JSON.parse of the file, loading (every policy parsed), resolving one principal
// and building its request, and who-can over every principal. Uses the engine's
// evaluate from dist/engine/evaluate.js when it is built, a trivial stand-in otherwise.
//
//   npm run build && node bench/snapshot/bench.js [--file FILE] [--runs 5]
// IAMWHY_DIST=/some/dir points at another build output than dist/.
import { Buffer } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { DEFAULT_OUT, writeSnapshot } from './generate.js';

const dist = process.env.IAMWHY_DIST ? resolve(process.env.IAMWHY_DIST) : fileURLToPath(new URL('../../dist/', import.meta.url));
const fromDist = (path) => import(pathToFileURL(resolve(dist, path)).href);

function argument(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
}

function time(run) {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

/** Median of `runs` timings (after one warm-up run when `warm`). */
function median(runs, run, warm = true) {
  if (warm) run();
  const samples = [];
  for (let index = 0; index < runs; index++) samples.push(time(run).ms);
  samples.sort((left, right) => left - right);
  return samples[Math.floor(samples.length / 2)];
}

const format = (ms) => (ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${(ms * 1000).toFixed(0)} µs`);
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

const file = resolve(argument('--file', DEFAULT_OUT));
const runs = Number(argument('--runs', '5'));
if (!existsSync(file)) {
  const { bytes } = writeSnapshot(file);
  console.log(`generated ${file} (${megabytes(bytes)})`);
}
if (!existsSync(resolve(dist, 'sources/snapshot/load-snapshot.js'))) {
  console.error(`${dist}sources/snapshot/load-snapshot.js not found: run npm run build first`);
  process.exit(2);
}

const { loadSnapshot } = await fromDist('sources/snapshot/load-snapshot.js');
const { snapshotRequest } = await fromDist('sources/snapshot/contribution.js');
const { whoCan } = await fromDist('sources/snapshot/who-can.js');

let evaluate;
let evaluator;
if (existsSync(resolve(dist, 'engine/evaluate.js'))) {
  ({ evaluate } = await fromDist('engine/evaluate.js'));
  evaluator = 'engine (dist/engine/evaluate.js)';
} else {
  // Stand-in: touches every identity statement so the loop does comparable work to a cheap evaluator.
  evaluate = (request, policySet) => {
    let allowed = false;
    for (const policy of policySet.identity) {
      for (const statement of policy.statements) {
        if (statement.effect === 'Allow' && statement.action?.values.includes(request.action)) allowed = true;
      }
    }
    return allowed ? { decision: 'allowed', blockedBy: [] } : { decision: 'implicitDeny', blockedBy: ['identity'] };
  };
  evaluator = 'stand-in (dist/engine/evaluate.js not built)';
}

const text = readFileSync(file, 'utf8');
console.log(`snapshot: ${file} (${megabytes(Buffer.byteLength(text))})`);
console.log(`node ${process.version}, evaluator: ${evaluator}`);

const parse = median(runs, () => JSON.parse(text), false);
// What loading from text adds to JSON.parse: one pass for nesting depth and repeated keys.
const { scanJsonStructure } = await fromDist('language/parse/json-scan.js');
const scan = median(runs, () => scanJsonStructure(text, { maxDepth: 256 }), false);
const parsed = JSON.parse(text);
let loaded;
const load = median(
  runs,
  () => {
    loaded = loadSnapshot(parsed, { file });
  },
  false,
);
if (!loaded.ok) {
  console.error(loaded.errors.slice(0, 5));
  process.exit(1);
}
const snapshot = loaded.snapshot;
const loadFromText = time(() => loadSnapshot(text, { file })).ms;
const policyCount =
  [...snapshot.users.values()].reduce((sum, user) => sum + user.inlinePolicies.length, 0) +
  [...snapshot.groups.values()].reduce((sum, group) => sum + group.inlinePolicies.length, 0) +
  [...snapshot.roles.values()].reduce((sum, role) => sum + role.inlinePolicies.length + (role.trustPolicy ? 1 : 0), 0) +
  snapshot.managedPolicies.size +
  snapshot.resources.size;

const request = { principal: 'role-4321', action: 's3:GetObject', resourceArn: 'arn:aws:s3:::acme-search-1/shared/report.csv', context: { 'aws:SourceVpce': 'vpce-0bench000000000001' } };
const one = snapshotRequest(snapshot, request);
if (!one.ok) {
  console.error(one.error.message);
  process.exit(1);
}
const resolveAndBuild = median(Math.max(runs, 200), () => snapshotRequest(snapshot, request));
const evaluateOne = median(Math.max(runs, 200), () => evaluate(one.request, one.policySet));

let result;
const whoCanMs = median(
  runs,
  () => {
    result = whoCan(snapshot, { action: 's3:GetObject', resourceArn: 'arn:aws:s3:::acme-search-1/shared/report.csv', evaluate });
  },
  true,
);
const principals = result.entries.length;

const rows = [
  ['JSON.parse of the file', format(parse)],
  ['structure check of the text (nesting depth, repeated keys)', format(scan)],
  [`load (parsed JSON → model; ${policyCount} documents, parsed on first use; ${snapshot.roles.size} roles, ${snapshot.users.size} users, ${snapshot.managedPolicies.size} managed policies)`, format(load)],
  ['load from text (JSON.parse + load, one run)', format(loadFromText)],
  ['resolve principal + build one request', format(resolveAndBuild)],
  ['evaluate one request', format(evaluateOne)],
  [`who-can over ${principals} principals (${result.counts.allowed} allowed)`, `${format(whoCanMs)} (${format(whoCanMs / principals)} per principal)`],
  ['heap used at the end (file text + parsed JSON + model)', megabytes(process.memoryUsage().heapUsed)],
];
const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
