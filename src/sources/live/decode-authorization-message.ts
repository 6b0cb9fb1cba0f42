/**
 * sts:DecodeAuthorizationMessage: the encoded message some services (mostly
 * EC2) put in an AccessDenied error, decoded by AWS into the JSON of its
 * authorization decision (`allowed`, `explicitDeny`, `matchedStatements`,
 * `failures`, `context`). Needs the `sts:DecodeAuthorizationMessage` permission.
 * CAUTION: publicly exported.
 */
import type { DecodeAuthorizationMessageCommandOutput } from '@aws-sdk/client-sts';
import { LiveError } from './errors.js';
import { Reader } from './reads.js';
import { AwsSession } from './session.js';

export interface DecodeAuthorizationMessageOptions {
  profile?: string;
  region?: string;
  env?: Readonly<Record<string, string | undefined>>;
  debug?: (line: string) => void;
}

/** The decoded message, parsed (its shape: aws-facts §2.4); throws `LiveError` when it cannot be decoded. */
export async function decodeAuthorizationMessage(encoded: string, options: DecodeAuthorizationMessageOptions = {}): Promise<Record<string, unknown>> {
  const session = new AwsSession({ profile: options.profile, region: options.region, env: options.env ?? process.env, debug: options.debug });
  try {
    const reader = new Reader(session);
    const answer = await reader.send<DecodeAuthorizationMessageCommandOutput>('sts', 'DecodeAuthorizationMessage', { EncodedMessage: encoded.trim() });
    if (!answer.ok) throw new LiveError(`cannot decode the authorization message: sts:DecodeAuthorizationMessage (${answer.failure.code}): ${answer.failure.message}`, 'AWS_ERROR');
    const text = answer.value.DecodedMessage;
    if (text === undefined) throw new LiveError('sts:DecodeAuthorizationMessage returned no DecodedMessage', 'AWS_ERROR');
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      return parsed as Record<string, unknown>;
    } catch {
      throw new LiveError('sts:DecodeAuthorizationMessage returned a DecodedMessage that is not a JSON object', 'AWS_ERROR');
    }
  } finally {
    session.destroy();
  }
}
