// IAM's API as the provider calls it (CreateRole, DeleteRole, PutRolePolicy, DeleteRolePolicy),
// holding each role's inline policies. No cdktf import.
import type { CallRules } from "../../service-rules";

export class IamApi {
  private readonly roles = new Map<string, Map<string, string>>();

  constructor(private readonly rules: CallRules) {}

  createRole(input: { readonly RoleName: string }): void {
    this.rules.refuseIf(this.roles.has(input.RoleName), "CreateRole", "unique-role-name", { value: input.RoleName });
    this.rules.checkInput("CreateRole", input);
    this.roles.set(input.RoleName, new Map());
  }

  deleteRole(name: string): void {
    this.roles.delete(name);
  }

  /** The quota counts every inline policy of the role together, whitespace left out. */
  putRolePolicy(input: { readonly RoleName: string; readonly PolicyName: string; readonly PolicyDocument: string }): void {
    const policies = this.roles.get(input.RoleName) ?? new Map<string, string>();
    const next = new Map(policies).set(input.PolicyName, input.PolicyDocument);
    const size = [...next.values()].reduce((sum, doc) => sum + doc.replace(/\s/g, "").length, 0);
    const limit = this.rules.limit("PutRolePolicy", "inline-policy-size-per-role");
    this.rules.refuseIf(limit !== undefined && size > limit, "PutRolePolicy", "inline-policy-size-per-role", { role: input.RoleName });
    this.roles.set(input.RoleName, next);
  }

  deleteRolePolicy(role: string, name: string): void {
    this.roles.get(role)?.delete(name);
  }
}
