// IAM's API as the provider and the SDK call it (CreateRole, GetRole, ListRoles, UpdateRole,
// UpdateAssumeRolePolicy, DeleteRole, PutRolePolicy, GetRolePolicy, ListRolePolicies,
// DeleteRolePolicy), holding each role and its inline policies in the local cloud's store.
// IAM is global: one part of the store per account.
import { randomId } from "../../provider";
import { ServiceError, type CallRules } from "../../service-rules";
import { policyGrammarFailure, type PolicyKind } from "./iam-policy-grammar";
import { records } from "../../cloud/records";
import { memoryStore, ServiceState, type CloudStore } from "../../cloud/store";

export interface RoleRecord {
  Role: Record<string, any>;
  /** Inline policies by name: the document as given. */
  policies: Record<string, string>;
  /** Known only from a PutRolePolicy: see policiesOf. */
  implicit?: boolean;
}

interface State {
  roles: Record<string, RoleRecord>;
}

/** The size IAM counts of a policy document: its characters, white space left out (IAM quotas, "IAM and STS character limits"). */
const policySize = (document: string) => document.replace(/\s/g, "").length;

/** IAM's NoSuchEntity (API reference, "Errors"), worded as IAM words it. */
const noSuchRole = (call: string, name: string) => new ServiceError(call, 404, "NoSuchEntity", `The role with name ${name} cannot be found.`);

export class IamApi {
  private readonly state: ServiceState<State>;

  constructor(
    private readonly rules: CallRules,
    store: CloudStore = memoryStore(),
    private readonly accountId = "123456789012",
  ) {
    this.state = new ServiceState(store, "iam", () => ({ roles: records() }));
  }

  createRole(input: { readonly RoleName: string } & Record<string, any>): Record<string, any> {
    const path = input.Path || "/";
    const role = {
      Path: path,
      RoleName: input.RoleName,
      RoleId: `AROA${randomId(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`,
      Arn: `arn:aws:iam::${this.accountId}:role${path}${input.RoleName}`,
      CreateDate: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      AssumeRolePolicyDocument: input.AssumeRolePolicyDocument ?? "",
      Description: input.Description ?? "",
      MaxSessionDuration: input.MaxSessionDuration ?? 3600,
      Tags: input.Tags ?? [],
    };
    this.checkTrustPolicy("CreateRole", role.AssumeRolePolicyDocument);
    // Checked under the store's lock: another process cannot create the name in between.
    return this.state.update((s) => {
      this.rules.refuseIf(s.roles[input.RoleName]?.implicit === false, "CreateRole", "unique-role-name", { value: input.RoleName });
      this.rules.checkInput("CreateRole", input);
      s.roles[input.RoleName] = { Role: role, policies: s.roles[input.RoleName]?.policies ?? records(), implicit: false };
      return role;
    });
  }

  getRole(name: string): Record<string, any> {
    const record = this.state.read().roles[name];
    if (!record || record.implicit) throw noSuchRole("GetRole", name);
    return record.Role;
  }

  listRoles(): Record<string, any>[] {
    return Object.values(this.state.read().roles)
      .filter((r) => !r.implicit)
      .map((r) => r.Role);
  }

  /** UpdateRole (Description, MaxSessionDuration) and UpdateAssumeRolePolicy (PolicyDocument). */
  updateRole(name: string, fields: Record<string, any>): Record<string, any> {
    if (typeof fields.AssumeRolePolicyDocument === "string") this.checkTrustPolicy("UpdateAssumeRolePolicy", fields.AssumeRolePolicyDocument);
    return this.state.update((s) => {
      const record = s.roles[name];
      if (!record || record.implicit) throw noSuchRole("UpdateRole", name);
      record.Role = { ...record.Role, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
      return record.Role;
    });
  }

  deleteRole(name: string): void {
    this.state.update((s) => {
      delete s.roles[name];
    });
  }

  /** The quota counts every inline policy of the role together, whitespace left out. */
  putRolePolicy(input: { readonly RoleName: string; readonly PolicyName: string; readonly PolicyDocument: string }): void {
    this.checkGrammar("PutRolePolicy", "PutRolePolicy", input.PolicyDocument, "identity");
    this.state.update((s) => {
      // A role this cloud does not hold (the conformance cases name made-up roles) gets an implicit record: not checked (docs/FIDELITY.md).
      s.roles[input.RoleName] ??= { Role: { RoleName: input.RoleName }, policies: records(), implicit: true };
      const record = s.roles[input.RoleName];
      const next = records([...Object.entries(record.policies), [input.PolicyName, input.PolicyDocument]]);
      const size = Object.values(next).reduce((sum, doc) => sum + policySize(doc), 0);
      const limit = this.rules.limit("PutRolePolicy", "inline-policy-size-per-role");
      this.rules.refuseIf(limit !== undefined && size > limit, "PutRolePolicy", "inline-policy-size-per-role", { role: input.RoleName });
      record.policies = next;
    });
  }

  /** A role's trust policy as CreateRole and UpdateAssumeRolePolicy check it: IAM's grammar, then its length quota. */
  private checkTrustPolicy(call: "CreateRole" | "UpdateAssumeRolePolicy", document: string): void {
    this.checkGrammar(call, "CreateRole", document, "trust");
    const limit = this.rules.limit("CreateRole", "role-trust-policy-length");
    const rule = this.rules.rule("CreateRole", "role-trust-policy-length");
    if (rule && limit !== undefined && policySize(document) > limit) this.rules.refuse(rule, { limit: String(limit) }, call);
  }

  /** IAM's MalformedPolicyDocument for the first thing its grammar refuses, by the catalogue's rule of `rulesOf` (the call that holds them). */
  private checkGrammar(call: string, rulesOf: string, document: string, kind: PolicyKind): void {
    const failure = policyGrammarFailure(document, kind);
    const rule = failure && this.rules.rule(rulesOf, failure.rule);
    if (failure && rule) this.rules.refuse(rule, failure.vars, call);
  }

  getRolePolicy(role: string, name: string): { RoleName: string; PolicyName: string; PolicyDocument: string } {
    const document = this.state.read().roles[role]?.policies[name];
    if (document === undefined) throw new ServiceError("GetRolePolicy", 404, "NoSuchEntity", `The role policy with name ${name} cannot be found.`);
    return { RoleName: role, PolicyName: name, PolicyDocument: document };
  }

  listRolePolicies(role: string): string[] {
    const record = this.state.read().roles[role];
    if (!record) throw noSuchRole("ListRolePolicies", role);
    return Object.keys(record.policies);
  }

  deleteRolePolicy(role: string, name: string): void {
    this.state.update((s) => {
      delete s.roles[role]?.policies[name];
    });
  }
}
