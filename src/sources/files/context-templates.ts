/**
 * Templates for `--generate-context-template`: every field of each context
 * file with an example value. Each template loads without findings.
 */
import type { ContextFileKind } from './context-files.js';

export interface ContextTemplate {
  kind: ContextFileKind;
  /** Suggested file name, e.g. `principal-context.json`. */
  fileName: string;
  /** The CLI flag that reads the file. */
  flag: string;
  /** The template as a JSON value. */
  document: Record<string, unknown>;
  /** The template as JSON text (2-space indent, trailing newline). */
  text: string;
}

const DOCUMENTS: Record<ContextFileKind, Record<string, unknown>> = {
  principal: {
    arn: 'arn:aws:iam::123456789012:user/alice',
    account: '123456789012',
    org_id: 'o-abc123def4',
    org_paths: ['o-abc123def4/r-ab12/ou-ab12-11111111/'],
    userid: 'AIDAEXAMPLEUSERID',
    username: 'alice',
    principal_type: 'User',
    is_aws_service: false,
    is_management_account: false,
    tags: { Department: 'Engineering', Team: 'Platform' },
  },
  resource: {
    account: '123456789012',
    org_id: 'o-abc123def4',
    org_paths: ['o-abc123def4/r-ab12/ou-ab12-11111111/'],
    tags: { Environment: 'Production', Classification: 'Confidential' },
    is_management_account: false,
    aws_managed_kms_key: false,
  },
  request: {
    network: { source_ip: '192.168.1.100', source_vpc: 'vpc-12345678', source_vpce: 'vpce-1a2b3c4d' },
    session: { mfa_present: true, mfa_auth_age: 300, source_identity: 'alice@example.com' },
    request: {
      region: 'us-east-1',
      secure_transport: true,
      via_aws_service: false,
      called_via: ['athena.amazonaws.com'],
      tags: { CostCenter: '12345' },
    },
    custom: {
      'iam:PassedToService': 'lambda.amazonaws.com',
      's3:prefix': ['home/', 'home/alice/'],
      'aws:CurrentTime': '2025-01-15T12:00:00Z',
    },
  },
};

const FLAGS: Record<ContextFileKind, string> = {
  principal: '--principal-context',
  resource: '--resource-context',
  request: '--request-context',
};

/** The three templates, principal, resource and request. Fresh objects on every call. */
export function contextTemplates(): Record<ContextFileKind, ContextTemplate> {
  const make = (kind: ContextFileKind): ContextTemplate => {
    const document = structuredClone(DOCUMENTS[kind]);
    return { kind, fileName: `${kind}-context.json`, flag: FLAGS[kind], document, text: `${JSON.stringify(document, null, 2)}\n` };
  };
  return { principal: make('principal'), resource: make('resource'), request: make('request') };
}
