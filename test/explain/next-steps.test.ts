/**
 * "Protecting data with server-side encryption using AWS KMS keys (SSE-KMS)": an
 * allowed read or write of a bucket that encrypts with SSE-KMS by default also
 * needs the key — said as what comes next, never as part of the verdict.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { explain } from '../../src/explain/explanation.js';
import { ALICE, OBJECT, allow, policy, req } from '../engine/helpers.js';

const KEY = 'arn:aws:kms:eu-west-1:111111111111:key/3f2e9c1a-7b4d-4e8f-9a6b-2c1d0e5f4a3b';
const s3 = policy('S3', 'identity', allow(['s3:GetObject', 's3:PutObject']));

describe('what an allowed request commonly also needs', () => {
  it('a read of an SSE-KMS bucket also needs kms:Decrypt on its key', () => {
    const explanation = explain(evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3] }), { bucketEncryption: { algorithm: 'aws:kms', kmsKeyId: KEY } });
    expect(explanation.nextSteps).toEqual([`The bucket encrypts objects with SSE-KMS by default: reading them also needs kms:Decrypt on ${KEY}.`]);
  });
  it('an upload needs kms:GenerateDataKey; the AWS managed key aws/s3 when no key is named', () => {
    const explanation = explain(evaluate(req(ALICE, 's3:PutObject', OBJECT), { identity: [s3] }), { bucketEncryption: { algorithm: 'aws:kms' } });
    expect(explanation.nextSteps[0]).toContain('uploading also needs kms:GenerateDataKey on the AWS managed key aws/s3');
  });
  it('nothing for SSE-S3 (AES256), nothing for a denial', () => {
    expect(explain(evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3] }), { bucketEncryption: { algorithm: 'AES256' } }).nextSteps).toEqual([]);
    expect(explain(evaluate(req(ALICE, 's3:DeleteObject', OBJECT), { identity: [s3] }), { bucketEncryption: { algorithm: 'aws:kms', kmsKeyId: KEY } }).nextSteps).toEqual([]);
  });
});
