// Benchmark: one request against ten identity policies of ten statements each
// (plus a boundary, an SCP hierarchy and a resource policy). Policies are parsed
// once; only evaluate() is timed. Run with `npm run bench` (builds first).
import { performance } from 'node:perf_hooks';
import { evaluate, parsePolicy, parsePrincipal } from '../dist/index.js';

function mustParse(document, kind, id) {
  const { policy, findings } = parsePolicy(document, kind, { id });
  if (!policy) throw new Error(`${id}: ${JSON.stringify(findings)}`);
  return policy;
}

function statement(policyIndex, statementIndex) {
  const services = ['s3', 'ec2', 'dynamodb', 'sqs', 'kms', 'lambda', 'logs', 'sns', 'iam', 'ssm'];
  const service = services[(policyIndex + statementIndex) % services.length];
  const base = {
    Sid: `P${policyIndex}S${statementIndex}`,
    Effect: statementIndex === 9 ? 'Deny' : 'Allow',
    Action: [`${service}:Get*`, `${service}:List*`, `${service}:Describe*`],
    Resource: [`arn:aws:${service}:*:111111111111:${service === 's3' ? '' : 'thing/'}team-${statementIndex}/*`, `arn:aws:s3:::bucket-${policyIndex}/*`],
  };
  if (statementIndex % 3 === 0) {
    base.Condition = {
      StringEquals: { 'aws:PrincipalTag/team': ['data', 'platform'] },
      IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] },
    };
  }
  if (statementIndex === 9) base.Condition = { Bool: { 'aws:MultiFactorAuthPresent': 'false' } };
  return base;
}

const identity = Array.from({ length: 10 }, (_, p) =>
  mustParse({ Version: '2012-10-17', Statement: Array.from({ length: 10 }, (_, s) => statement(p, s)) }, 'identity', `Policy${p}`),
);
const policySet = {
  identity,
  permissionsBoundary: mustParse({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' }] }, 'permissions-boundary', 'Boundary'),
  scpLevels: [
    { id: 'r-root', type: 'root', policies: [mustParse({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, 'scp', 'FullAWSAccess')] },
    { id: 'ou-dev', type: 'ou', policies: [mustParse({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: ['iam:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } }, { Effect: 'Allow', Action: '*', Resource: '*' }] }, 'scp', 'RegionLock')] },
  ],
};
const principalResult = parsePrincipal('arn:aws:iam::111111111111:user/alice');
const request = {
  principal: { ...principalResult.principal, tags: { team: 'data' } },
  action: 's3:GetObject',
  resource: { arn: 'arn:aws:s3:::bucket-7/reports/q1.csv', account: '111111111111' },
  context: { 'aws:SourceIp': '10.1.2.3', 'aws:MultiFactorAuthPresent': 'true' },
  time: new Date('2026-01-01T00:00:00Z'),
};

const check = evaluate(request, policySet);
for (let i = 0; i < 2000; i++) evaluate(request, policySet); // warm up
const iterations = 20000;
const start = performance.now();
for (let i = 0; i < iterations; i++) evaluate(request, policySet);
const elapsed = performance.now() - start;
const perRequest = (elapsed * 1000) / iterations;
console.log(`engine: 1 request × 10 policies × 10 statements (+ boundary, 2 SCP levels): ${perRequest.toFixed(1)} µs per evaluate() over ${iterations} runs (decision: ${check.decision})`);
