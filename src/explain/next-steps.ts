/**
 * What commonly comes next once a request is allowed: permissions the same task
 * also needs that the evaluated request does not show. Today: objects of a bucket
 * whose default encryption is SSE-KMS also need the key ("Protecting data with
 * server-side encryption using AWS KMS keys (SSE-KMS)": downloading needs
 * kms:Decrypt, uploading kms:GenerateDataKey, and multipart uploads kms:Decrypt too).
 */
import type { EvaluationResult } from '../engine/result.js';

/** A bucket's default encryption, as a source knows it. */
export interface BucketEncryption {
  /** `AES256`, `aws:kms` or `aws:kms:dsse`. */
  algorithm: string;
  /** The KMS key (ARN, id or alias); absent for the AWS managed key aws/s3. */
  kmsKeyId?: string;
}

const READS = new Set(['s3:getobject', 's3:getobjectversion']);
const WRITES = new Set(['s3:putobject']);

export function nextSteps(result: EvaluationResult, encryption: BucketEncryption | undefined): string[] {
  if (result.decision !== 'allowed' || encryption === undefined || !encryption.algorithm.startsWith('aws:kms')) return [];
  const action = result.request.action.toLowerCase();
  const key = encryption.kmsKeyId ?? 'the AWS managed key aws/s3';
  if (READS.has(action)) return [`The bucket encrypts objects with SSE-KMS by default: reading them also needs kms:Decrypt on ${key}.`];
  if (WRITES.has(action)) return [`The bucket encrypts new objects with SSE-KMS by default: uploading also needs kms:GenerateDataKey on ${key} (and kms:Decrypt for multipart uploads).`];
  return [];
}
