import { User } from "../auth0-provider/user";
import { UserRoles } from "../auth0-provider/user-roles";
import { Construct } from "constructs";
import { DEFAULTS } from "@apigw-auth0-rbac/model";
import { terraformString } from "@apigw-auth0-rbac/model/text";
import type { Auth0RbacRole } from "./rbac-role";

export interface Auth0TestUserProps {
  readonly email: string;
  /** A sensitive value (a Terraform variable): it must never be a literal in code. */
  readonly password: string;
  /** The roles the user holds, and no others. */
  readonly roles: readonly Auth0RbacRole[];
  /** @default "Username-Password-Authentication" */
  readonly connectionName?: string;
  /** The user's app_metadata (JSON data). @default - none */
  readonly appMetadata?: Readonly<Record<string, unknown>>;
  /** The user's user_metadata (JSON data). @default - none */
  readonly userMetadata?: Readonly<Record<string, unknown>>;
}

/** JSON data as the provider's metadata string, escaped so terraform reads it back as it was written. */
const metadataJson = (value: Readonly<Record<string, unknown>> | undefined) =>
  value === undefined ? undefined : terraformString(JSON.stringify(value));

/** A database user for trying the API, with its roles managed authoritatively. */
export class Auth0TestUser extends Construct {
  readonly user: User;
  readonly userRoles: UserRoles;

  constructor(scope: Construct, id: string, props: Auth0TestUserProps) {
    super(scope, id);
    this.user = new User(this, "user", {
      connectionName: props.connectionName ?? DEFAULTS.userConnection,
      email: props.email,
      // A test account: skip the verification mail that would go to a made-up address.
      emailVerified: true,
      password: props.password,
      appMetadata: metadataJson(props.appMetadata),
      userMetadata: metadataJson(props.userMetadata),
    });
    this.userRoles = new UserRoles(this, "roles", { userId: this.user.id, roles: props.roles.map((r) => r.role.id) });
  }
}
