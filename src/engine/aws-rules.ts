/**
 * Requests AWS answers the same whatever the policies say, as one table:
 * - `no_permission_required`: allowed even under an explicit Deny
 *   (`sts:GetCallerIdentity`, "GetCallerIdentity", STS API Reference);
 * - `protected_resource`: refused because the resource belongs to AWS (AWS managed
 *   policies, IAM Identity Center roles, service-linked roles, `alias/aws/` KMS aliases);
 * - `aws_precondition`: refused because of who calls (root credentials for
 *   `sts:AssumeRole`; IAM credentials for `AssumeRoleWithWebIdentity`/`WithSAML`).
 * A refusal is an implicit deny with no policy layer to blame; an explicit Deny
 * that matches still answers explicitDeny. Each rule names the AWS page it rests on.
 * CAUTION: the outcome type is publicly exported (EvaluationResult.awsRule).
 */
import { parseArn } from '../language/arn.js';
import { hasIamCredentials, type Principal } from './principal.js';
import type { Request } from './request.js';

export type AwsRuleKind = 'no_permission_required' | 'protected_resource' | 'aws_precondition';

export interface AwsRuleOutcome {
  id: string;
  kind: AwsRuleKind;
  /** The title of the AWS page that documents it. */
  source: string;
  /** What AWS does, one sentence. */
  message: string;
  /** The error AWS returns, where AWS documents it. */
  awsError?: string;
  /** What does work instead. */
  remedy: string;
}

interface AwsRule {
  id: string;
  kind: AwsRuleKind;
  source: string;
  applies: (request: Request, action: string) => boolean;
  outcome: (request: Request) => Omit<AwsRuleOutcome, 'id' | 'kind' | 'source'>;
}

const lower = (names: readonly string[]): ReadonlySet<string> => new Set(names.map((name) => name.toLowerCase()));

/** Changes to a managed policy ("Managed policies and inline policies": AWS managed policies cannot be changed). */
const POLICY_CHANGES = lower([
  'iam:CreatePolicyVersion',
  'iam:DeletePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:DeletePolicy',
  'iam:TagPolicy',
  'iam:UntagPolicy',
]);

/** Changes to a role's policies, trust policy, boundary, tags or existence. */
const ROLE_CHANGES = lower([
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:DeleteRole',
]);

/** What IAM refuses on a service-linked role: its policies, trust policy and boundary ("UnmodifiableEntity"). */
const SERVICE_LINKED_ROLE_CHANGES = lower([
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRole',
]);

const ALIAS_CHANGES = lower(['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias']);

function iamResource(request: Request): string | undefined {
  const arn = parseArn(request.resource.arn);
  return arn?.service === 'iam' ? arn.resource : undefined;
}


/** Identity Center changes its roles through its own service-linked role ("AWSSSOServiceRolePolicy"). */
function isIdentityCenterServiceRole(principal: Principal): boolean {
  const arn = principal.kind === 'assumed-role' ? principal.roleArn : principal.arn;
  return principal.serviceLinked && (arn ?? '').includes('AWSServiceRoleForSSO');
}

const RULES: readonly AwsRule[] = [
  {
    id: 'get-caller-identity',
    kind: 'no_permission_required',
    source: 'GetCallerIdentity (AWS STS API Reference)',
    applies: (request, action) => action === 'sts:getcalleridentity' && request.principal.kind !== 'anonymous',
    outcome: () => ({
      message: 'sts:GetCallerIdentity needs no permission: AWS answers it even when a policy explicitly denies it.',
      remedy: 'Nothing to change: no policy can allow or deny sts:GetCallerIdentity.',
    }),
  },
  {
    id: 'aws-managed-policy',
    kind: 'protected_resource',
    source: 'Managed policies and inline policies (IAM User Guide)',
    applies: (request, action) => POLICY_CHANGES.has(action) && /^arn:[^:]+:iam::aws:policy\//.test(request.resource.arn),
    outcome: () => ({
      message: 'AWS managed policies cannot be changed: AWS maintains them.',
      remedy: 'AWS maintains this policy: attach your own copy — create a customer managed policy from its document, edit that, and attach it instead.',
    }),
  },
  {
    id: 'identity-center-role',
    kind: 'protected_resource',
    source: 'How do I resolve the IAM error "Cannot perform the operation on the protected role AWSReservedSSO"? (AWS Knowledge Center)',
    applies: (request, action) =>
      ROLE_CHANGES.has(action) && (iamResource(request) ?? '').startsWith('role/aws-reserved/sso.amazonaws.com/') && !isIdentityCenterServiceRole(request.principal),
    outcome: (request) => {
      const name = (iamResource(request) ?? '').split('/').pop() ?? '';
      return {
        message: 'IAM Identity Center roles (AWSReservedSSO_*) are modifiable only by AWS, on behalf of IAM Identity Center.',
        awsError: `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`,
        remedy: 'Change it through IAM Identity Center: edit the permission set the role was provisioned from (its policies, boundary or session duration), and Identity Center updates the role.',
      };
    },
  },
  {
    id: 'service-linked-role',
    kind: 'protected_resource',
    source: 'UnmodifiableEntity (IAM API Reference); Update a role trust policy (IAM User Guide)',
    applies: (request, action) => SERVICE_LINKED_ROLE_CHANGES.has(action) && (iamResource(request) ?? '').startsWith('role/aws-service-role/'),
    outcome: (request) => {
      const service = (iamResource(request) ?? '').split('/')[2] ?? 'the service';
      return {
        message: 'Service-linked roles are protected AWS resources: only the service that depends on the role can change or delete it.',
        awsError: 'UnmodifiableEntity: The request was rejected because service-linked roles are protected AWS resources.',
        remedy: `Make the change through ${service}, which manages this role (to delete it, use iam:DeleteServiceLinkedRole or the service's own setting).`,
      };
    },
  },
  {
    id: 'aws-kms-alias',
    kind: 'protected_resource',
    source: 'Create aliases (AWS KMS Developer Guide)',
    applies: (request, action) => {
      if (!ALIAS_CHANGES.has(action)) return false;
      const arn = parseArn(request.resource.arn);
      return arn?.service === 'kms' && arn.resource.startsWith('alias/aws/');
    },
    outcome: () => ({
      message: 'Aliases under alias/aws/ are reserved for AWS managed keys: no one can create, update or delete them.',
      remedy: 'Aliases under alias/aws/ are reserved for AWS managed keys: choose an alias name that does not start with alias/aws/.',
    }),
  },
  {
    id: 'root-assume-role',
    kind: 'aws_precondition',
    source: 'AssumeRole (AWS STS API Reference)',
    applies: (request, action) => action === 'sts:assumerole' && request.principal.kind === 'root',
    outcome: () => ({
      message: 'The account root user cannot call sts:AssumeRole: AWS refuses root credentials for it.',
      awsError: 'Roles may not be assumed by root accounts.',
      remedy: 'Call sts:AssumeRole with the credentials of an IAM user or role instead of the root user.',
    }),
  },
  {
    id: 'federation-with-iam-credentials',
    kind: 'aws_precondition',
    source: 'AssumeRoleWithWebIdentity and AssumeRoleWithSAML (AWS STS API Reference)',
    applies: (request, action) => (action === 'sts:assumerolewithwebidentity' || action === 'sts:assumerolewithsaml') && hasIamCredentials(request.principal.kind),
    outcome: (request) => ({
      message: `${request.action} is called with a token from the identity provider, not with IAM credentials: an IAM user or role cannot make this call.`,
      remedy:
        request.action.toLowerCase() === 'sts:assumerolewithsaml'
          ? 'Evaluate the SAML provider as the caller (arn:aws:iam::ACCOUNT:saml-provider/NAME) with the assertion’s saml:* keys in --context; an IAM principal uses sts:AssumeRole.'
          : 'Evaluate the identity provider as the caller (arn:aws:iam::ACCOUNT:oidc-provider/HOST, or accounts.google.com, cognito-identity.amazonaws.com…) with the token’s claims in --context; an IAM principal uses sts:AssumeRole.',
    }),
  },
  {
    id: 'identity-provider-only-federates',
    kind: 'aws_precondition',
    source: 'AssumeRoleWithWebIdentity and AssumeRoleWithSAML (AWS STS API Reference)',
    applies: (request, action) =>
      (request.principal.kind === 'web-identity' && action !== 'sts:assumerolewithwebidentity' && action !== 'sts:tagsession') ||
      (request.principal.kind === 'saml' && action !== 'sts:assumerolewithsaml' && action !== 'sts:tagsession'),
    outcome: (request) => ({
      message: `An identity provider's token or assertion only lets its holder call ${request.principal.kind === 'saml' ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity'}; other calls are made with the role session's credentials.`,
      remedy: `Evaluate ${request.action} as the role session that ${request.principal.kind === 'saml' ? 'AssumeRoleWithSAML' : 'AssumeRoleWithWebIdentity'} returns (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION).`,
    }),
  },
];

/** The rule that fixes this request's answer, if any. */
export function awsRuleFor(request: Request): AwsRuleOutcome | undefined {
  const action = request.action.toLowerCase();
  const rule = RULES.find((candidate) => candidate.applies(request, action));
  return rule ? { id: rule.id, kind: rule.kind, source: rule.source, ...rule.outcome(request) } : undefined;
}
