// Deployment environments: which one a synth is for, what it overrides, and what a
// production environment refuses.
import type { EnvironmentOverrides, ModelAction, ParsedAccessModel, SpaClient, TestUser } from "./schema";

export interface ResolvedEnvironment {
  readonly name: string;
  readonly production: boolean;
  /** Where the choice came from, for messages: DEPLOY_ENV, the cdktf context or the model's default. */
  readonly chosenBy: "DEPLOY_ENV" | 'cdktf context "env"' | "defaultEnvironment";
}

export interface EnvironmentSelection {
  /** The model with the chosen environment's overrides applied. */
  readonly model: ParsedAccessModel;
  readonly environment?: ResolvedEnvironment;
  readonly problems: readonly string[];
  /** The field a value of the merged model came from: "spa.webOrigins" or "environments.prod.spa.webOrigins". */
  fieldOf(
    path: "tenant.domain" | "tenant.customDomain" | "users" | "actions" | "domain" | `domain.${string}` | `spa.${SpaUrlList}` | `stage.${string}`,
  ): string;
  /** Every environment's test users (or the model's, when it declares no environments), with their field. */
  readonly userLists: readonly { readonly field: string; readonly users: readonly TestUser[] }[];
  /** Every environment's Actions (or the model's, when it declares no environments), with their field. */
  readonly actionLists: readonly { readonly field: string; readonly actions: readonly ModelAction[] }[];
}

type SpaUrlList = "callbackUrls" | "logoutUrls" | "webOrigins";
const SPA_URL_LISTS: readonly SpaUrlList[] = ["callbackUrls", "logoutUrls", "webOrigins"];
const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]", "0.0.0.0"];

/**
 * Picks the environment (DEPLOY_ENV wins over the cdktf context "env", which wins over
 * `defaultEnvironment`), applies its overrides, and checks every production environment.
 */
export function selectEnvironment(
  model: ParsedAccessModel,
  request: { readonly deployEnv?: string; readonly contextEnvironment?: string },
): EnvironmentSelection {
  const problems: string[] = [];
  const environments = model.environments ?? {};
  const names = Object.keys(environments);
  const known = names.join(", ");
  const requested: [string, ResolvedEnvironment["chosenBy"]] | undefined = request.deployEnv
    ? [request.deployEnv, "DEPLOY_ENV"]
    : request.contextEnvironment
      ? [request.contextEnvironment, 'cdktf context "env"']
      : model.defaultEnvironment !== undefined
        ? [model.defaultEnvironment, "defaultEnvironment"]
        : undefined;

  if (names.length === 0) {
    if (requested) {
      problems.push(
        `${requested[1]}: ${JSON.stringify(requested[0])} names an environment, but the model declares none; declare environments in the model, or leave ${requested[1]} unset`,
      );
    }
    const actionLists = [{ field: "actions", actions: model.actions }];
    return { model, problems, fieldOf: (path) => path, userLists: [{ field: "users", users: model.users }], actionLists };
  }

  if (model.defaultEnvironment === undefined) {
    problems.push(`defaultEnvironment: the model declares environments (${known}) but no default; set defaultEnvironment to one of them`);
  } else if (!names.includes(model.defaultEnvironment)) {
    problems.push(`defaultEnvironment: ${JSON.stringify(model.defaultEnvironment)} is not an environment of the model; known: ${known}`);
  }
  for (const name of names) problems.push(...productionProblems(model, name));

  const userLists = names.map((name) => ({
    field: environments[name].users ? `environments.${name}.users` : "users",
    users: environments[name].users ?? model.users,
  }));
  const distinctUserLists = distinct(userLists);
  const actionLists = distinct(
    names.map((name) => ({
      field: environments[name].actions ? `environments.${name}.actions` : "actions",
      actions: environments[name].actions ?? model.actions,
    })),
  );

  const chosen = requested && names.includes(requested[0]) ? requested : undefined;
  if (requested && !chosen && requested[1] !== "defaultEnvironment") {
    problems.push(`${requested[1]}: ${JSON.stringify(requested[0])} is not an environment of the model; known: ${known}`);
  }
  if (!chosen) return { model, problems, fieldOf: (path) => path, userLists: distinctUserLists, actionLists };

  const [name, chosenBy] = chosen;
  const overrides = environments[name];
  const merged: ParsedAccessModel = {
    ...model,
    tenant: tenantOf(model, overrides),
    spa: { ...model.spa, ...definedOnly(overrides.spa ?? {}) } as SpaClient,
    users: overrides.users ?? model.users,
    actions: overrides.actions ?? model.actions,
    stage: { ...model.stage, ...definedOnly(overrides.stage ?? {}) },
    imports: overrides.imports ?? model.imports,
    // A domain is one host name in one zone: an environment's replaces the top-level one whole.
    ...((overrides.domain ?? model.domain) ? { domain: overrides.domain ?? model.domain } : {}),
  };
  const fieldOf: EnvironmentSelection["fieldOf"] = (path) => (overridden(overrides, path) ? `environments.${name}.${path}` : path);
  return {
    model: merged,
    environment: { name, production: overrides.production, chosenBy },
    problems,
    fieldOf,
    userLists: distinctUserLists,
    actionLists,
  };
}

/**
 * The environment's tenant: its own, or the top-level one. A custom domain belongs to its tenant,
 * so an environment with a tenant of its own never inherits the top-level tenant's.
 */
function tenantOf(model: ParsedAccessModel, overrides: EnvironmentOverrides): ParsedAccessModel["tenant"] {
  if (!overrides.tenant) return model.tenant;
  const { customDomain: _topLevelTenants, ...shared } = model.tenant;
  return { ...shared, ...overrides.tenant };
}

/** Each list once, by its field: the same top-level list is checked once, not once per environment that inherits it. */
function distinct<T extends { readonly field: string }>(lists: readonly T[]): T[] {
  return lists.filter((list, i) => lists.findIndex((l) => l.field === list.field) === i);
}

/** A production tenant serves no local or plain-http origins, no wildcards, and no test users. */
function productionProblems(model: ParsedAccessModel, name: string): string[] {
  const env = model.environments![name];
  if (!env.production) return [];
  const problems: string[] = [];
  for (const list of SPA_URL_LISTS) {
    const own = env.spa?.[list];
    const field = own ? `environments.${name}.spa.${list}` : `spa.${list}`;
    const inherited = own ? "" : ` (inherited by production environment ${JSON.stringify(name)}; override spa.${list} there)`;
    (own ?? model.spa[list]).forEach((value, i) => {
      const why = productionUrlProblem(value);
      if (why) problems.push(`${field}[${i}]: ${JSON.stringify(value)} ${why}${inherited}`);
    });
  }
  const users = env.users ?? model.users;
  if (users.length > 0) {
    problems.push(
      env.users
        ? `environments.${name}.users: production environment ${JSON.stringify(name)} must not have test users; remove them`
        : `users: production environment ${JSON.stringify(name)} inherits ${users.length} test user${users.length === 1 ? "" : "s"}; give it users: [] or move the users into the other environments`,
    );
  }
  return problems;
}

function productionUrlProblem(value: string): string | undefined {
  if (value.includes("*")) return "contains *; a production environment lists each URL and origin exactly";
  const url = new URL(value);
  if (LOCAL_HOSTS.includes(url.hostname)) return "points to this machine; a production environment serves its users' origins only";
  if (url.protocol !== "https:") return "uses http://; a production environment uses https:// only";
  return undefined;
}

function overridden(overrides: EnvironmentOverrides, path: string): boolean {
  const [head, tail] = path.split(".") as [keyof EnvironmentOverrides, string | undefined];
  const part = overrides[head] as unknown;
  if (part === undefined) return false;
  return tail === undefined ? true : (part as Record<string, unknown>)[tail] !== undefined;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `base` carrying the environment's name: "unicorn-api-dev", or "Unicorn API (dev)" for display names. */
export function qualifiedName(base: string, environment: { readonly name: string } | undefined, style: "slug" | "display"): string {
  if (!environment) return base;
  return style === "slug" ? `${base}-${environment.name}` : `${base} (${environment.name})`;
}
