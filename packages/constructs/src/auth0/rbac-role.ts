import { Role } from "../auth0-provider/role";
import { RolePermissions } from "../auth0-provider/role-permissions";
import { Construct } from "constructs";
import type { Auth0RbacApi } from "./rbac-api";

export interface Auth0RbacRoleProps {
  readonly api: Auth0RbacApi;
  readonly name: string;
  /** @default - no description */
  readonly description?: string;
  /** Names of permissions the API defines; at least one. */
  readonly permissions: readonly string[];
}

/** A tenant role and, authoritatively, the API permissions it grants. */
export class Auth0RbacRole extends Construct {
  readonly role: Role;
  readonly rolePermissions: RolePermissions;

  constructor(scope: Construct, id: string, props: Auth0RbacRoleProps) {
    super(scope, id);
    if (props.permissions.length === 0) {
      throw new Error(`Auth0RbacRole "${props.name}": give it at least one permission (Auth0 requires one)`);
    }
    this.role = new Role(this, "role", { name: props.name, description: props.description });
    this.rolePermissions = new RolePermissions(this, "permissions", {
      roleId: this.role.id,
      permissions: props.permissions.map((name) => ({
        name,
        resourceServerIdentifier: props.api.resourceServer.identifier,
      })),
      // A permission can only be granted once the API defines it.
      dependsOn: [props.api.scopes],
    });
  }
}
