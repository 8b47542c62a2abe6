// What the editor checks in access-model.ts: the model's shape with the declared permission
// and role names as types, so a route scope, a role's or client's permission, or a user's role
// that is not declared is a compile error where it is written, with completion for the names
// that are. The runtime validation (validate.ts) stays, for JavaScript and for its messages.
import type { AccessModelInput } from "./schema";

type Input = AccessModelInput;
type Element<T> = T extends readonly (infer E)[] ? E : never;
/** Names are checked against the declaration, never inferred from a use. */
type Declared<N extends string> = NoInfer<N>;

export type PermissionDefinition<P extends string> = Omit<Element<Input["permissions"]>, "name"> & { readonly name: P };

export type RouteDefinition<P extends string> = Omit<Element<Input["routes"]>, "scopes"> & {
  /** Permissions of which the caller's token must hold at least one (API Gateway semantics). */
  readonly scopes: readonly Declared<P>[];
};

export type RoleDefinition<P extends string, R extends string> = Omit<Element<Input["roles"]>, "name" | "permissions"> & {
  readonly name: R;
  readonly permissions: readonly Declared<P>[];
};

export type ClientDefinition<P extends string> = Omit<Element<NonNullable<Input["clients"]>>, "permissions"> & {
  /** The permissions its client grant on the API holds; its tokens carry no others. */
  readonly permissions: readonly Declared<P>[];
};

export type TestUserDefinition<R extends string> = Omit<Element<NonNullable<Input["users"]>>, "roles"> & {
  readonly roles: readonly Declared<R>[];
};

type EnvironmentInput = NonNullable<Input["environments"]>[string];
export type EnvironmentDefinition<R extends string> = Omit<EnvironmentInput, "users" | "spa"> & {
  readonly spa?: { readonly [K in keyof NonNullable<EnvironmentInput["spa"]>]?: readonly string[] };
  /** Replaces the top-level users in this environment. */
  readonly users?: readonly TestUserDefinition<R>[];
};

/** A model as written: the schema's input, with names as literal types and lists read-only. */
export type AccessModelDefinition<P extends string = string, R extends string = string> = Omit<
  Input,
  "permissions" | "routes" | "roles" | "clients" | "users" | "environments" | "spa"
> & {
  readonly permissions: readonly PermissionDefinition<P>[];
  readonly routes: readonly RouteDefinition<P>[];
  readonly roles: readonly RoleDefinition<P, R>[];
  readonly clients?: readonly ClientDefinition<P>[];
  readonly users?: readonly TestUserDefinition<R>[];
  readonly spa: { readonly [K in keyof Input["spa"]]: Input["spa"][K] extends string[] ? readonly string[] : Input["spa"][K] };
  readonly environments?: Readonly<Record<string, EnvironmentDefinition<R>>>;
};

/**
 * Declares the access model with type checking and completion: `P` and `R` are the
 * permission and role names the model declares, and every other mention must be one of them.
 */
export function defineAccessModel<const P extends string, const R extends string>(model: AccessModelDefinition<P, R>): AccessModelInput {
  return model as unknown as AccessModelInput;
}
