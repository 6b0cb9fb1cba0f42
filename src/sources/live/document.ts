/**
 * What live reads are written into: iamwhy's snapshot format, one account at a
 * time. Live mode reads only what one request needs into it and then reads it
 * back with the snapshot loader, so a live answer and the answer from a captured
 * snapshot come from the same code; `iamwhy snapshot` fills it with everything.
 */
import type {
  GaadGroupDetail,
  GaadManagedPolicyDetail,
  GaadRoleDetail,
  GaadUserDetail,
  IamwhySnapshotDocument,
  NotReadInput,
  NotReadPart,
  OrganizationInput,
  ResourceInput,
  S3PublicAccessBlockInput,
  SnapshotAccountInput,
} from '../snapshot/format.js';
import { SNAPSHOT_FORMAT_VERSION } from '../snapshot/format.js';
import type { ReadFailure } from './errors.js';

/** A failed read as the snapshot records it; `undefined` when the thing read does not exist (that is a fact, not a gap). */
export function notRead(operation: string, failure: ReadFailure, part: NotReadPart, target?: string): NotReadInput | undefined {
  if (failure.kind === 'not_found') return undefined;
  return target === undefined ? { operation, error: failure.code, part } : { operation, error: failure.code, part, target };
}

export class AccountDocument {
  readonly users = new Map<string, GaadUserDetail>();
  readonly groups = new Map<string, GaadGroupDetail>();
  readonly roles = new Map<string, GaadRoleDetail>();
  readonly policies = new Map<string, GaadManagedPolicyDetail>();
  /** GAAD pages as AWS returned them (a full capture), instead of the records above. */
  readonly gaadPages: object[] = [];
  readonly resources = new Map<string, ResourceInput>();
  readonly notRead: NotReadInput[] = [];
  s3PublicAccessBlock: S3PublicAccessBlockInput | undefined;
  /** Resources were looked for (so a resource missing from the list really is absent). */
  resourcesRead = false;
  /** False when DescribeOrganization said the account is in no organization. */
  inOrganization: boolean | undefined;

  constructor(readonly accountId: string) {}

  addNotRead(entry: NotReadInput | undefined): void {
    if (entry === undefined) return;
    const same = this.notRead.some((known) => known.operation === entry.operation && known.part === entry.part && known.target === entry.target);
    if (!same) this.notRead.push(entry);
  }

  toInput(): SnapshotAccountInput {
    const input: SnapshotAccountInput = { accountId: this.accountId };
    if (this.gaadPages.length > 0) {
      input.authorizationDetails = this.gaadPages as SnapshotAccountInput['authorizationDetails'];
    } else if (this.users.size + this.groups.size + this.roles.size + this.policies.size > 0) {
      input.authorizationDetails = {
        UserDetailList: [...this.users.values()],
        GroupDetailList: [...this.groups.values()],
        RoleDetailList: [...this.roles.values()],
        Policies: [...this.policies.values()],
      };
    }
    if (this.resourcesRead || this.resources.size > 0) input.resources = [...this.resources.values()];
    if (this.s3PublicAccessBlock !== undefined) input.s3PublicAccessBlock = this.s3PublicAccessBlock;
    // Sorted: reads finish in any order, and the file (and the unknowns read from it) must not depend on it.
    const key = (entry: NotReadInput): string => `${entry.part}\u0000${entry.operation}\u0000${entry.target ?? ''}\u0000${entry.error}`;
    if (this.notRead.length > 0) input.notRead = [...this.notRead].sort((left, right) => (key(left) < key(right) ? -1 : key(left) > key(right) ? 1 : 0));
    if (this.inOrganization !== undefined) input.inOrganization = this.inOrganization;
    return input;
  }
}

export class SnapshotDocument {
  readonly accounts = new Map<string, AccountDocument>();
  organization: OrganizationInput | undefined;

  account(id: string): AccountDocument {
    let account = this.accounts.get(id);
    if (account === undefined) {
      account = new AccountDocument(id);
      this.accounts.set(id, account);
    }
    return account;
  }

  toDocument(generator: string, capturedAt: Date): IamwhySnapshotDocument {
    const document: IamwhySnapshotDocument = {
      iamwhySnapshot: SNAPSHOT_FORMAT_VERSION,
      capturedAt: capturedAt.toISOString(),
      generator,
      accounts: [...this.accounts.values()].sort((left, right) => left.accountId.localeCompare(right.accountId)).map((account) => account.toInput()),
    };
    if (this.organization !== undefined) document.organization = this.organization;
    return document;
  }
}
