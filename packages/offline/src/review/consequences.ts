// What a reviewer must see before the plan: the changes whose effect lies outside
// terraform (tokens refused, a client id or invoke URL changed, a caller losing a
// permission, a route's scopes changed, code that runs at login changed), read from the
// plans' before and after values.
import { markdownCode } from "@apigw-auth0-rbac/model/text";
import { actionOf, managedChanges, type ResourceChange, type TerraformPlan } from "./plan";

/** A value of the plan (a name, an id, a URL) in a sentence of Markdown. */
const code = (value: unknown) => markdownCode(String(value));
const names = (values: readonly unknown[]) => values.map(code).join(", ");
const forcedBy = (c: ResourceChange) =>
  c.change.replace_paths?.length ? ` (forced by ${names(c.change.replace_paths.map((p) => p.join(".")))})` : "";

/** A resource is disrupted when the plan deletes it: replaced in place, or destroyed with a successor of its kind elsewhere. */
interface Disruption {
  readonly change: ResourceChange;
  readonly before: any;
  /** The replacement's planned values; undefined when nothing takes its place. */
  readonly after?: any;
}

function disruptions(plan: TerraformPlan | undefined, type: string, sameKind: (a: any, b: any) => boolean = () => true): Disruption[] {
  const changes = managedChanges(plan).filter((c) => c.type === type);
  const created = changes.filter((c) => actionOf(c.change.actions) === "create");
  return changes
    .filter((c) => c.change.actions.includes("delete"))
    .map((c) => {
      const before = c.change.before ?? {};
      const successor = actionOf(c.change.actions) === "replace" ? c : created.find((n) => sameKind(before, n.change.after ?? {}));
      return { change: c, before, after: successor?.change.after };
    });
}

function apiServer(plan?: TerraformPlan): string[] {
  return disruptions(plan, "auth0_resource_server").map(({ change, before, after }) => {
    if (!after) return `**The API ${code(before.identifier)} is destroyed**: every access token issued for it is refused.`;
    const head = `**The API ${code(before.identifier)} is replaced**${forcedBy(change)}`;
    if (after.identifier && after.identifier !== before.identifier) {
      return `${head}: its identifier becomes ${code(after.identifier)}, so every access token issued for ${code(before.identifier)} is refused, and every app and service must ask for the new audience.`;
    }
    return `${head}: Auth0 deletes it before creating it again, and no token can be issued for it in between.`;
  });
}

function clients(plan?: TerraformPlan): string[] {
  return disruptions(plan, "auth0_client", (a, b) => a.app_type === b.app_type).map(({ change, before, after }) => {
    const spa = before.app_type === "spa";
    const what = spa
      ? `The SPA client ${code(before.name)}`
      : `The ${before.app_type === "non_interactive" ? "machine-to-machine " : ""}client ${code(before.name)}`;
    if (!after) return `**${what} is destroyed**: ${spa ? "the app can no longer log anyone in" : "its service can no longer get tokens"}.`;
    const effect = spa
      ? "the app's configuration (`spa_auth_config`, auth_config.json) breaks until it is updated, and refresh tokens issued to the old client stop working"
      : "the service's credentials stop working until it is given the new id and secret";
    return `**${what} is replaced**${forcedBy(change)}: its client id ${code(before.client_id)} is replaced by a new one, so ${effect}.`;
  });
}

function endpoints(plan?: TerraformPlan): string[] {
  const apis = disruptions(plan, "aws_apigatewayv2_api").map(({ change, before, after }) =>
    after
      ? `**The HTTP API ${code(before.name)} is replaced**${forcedBy(change)}: its invoke URL ${code(before.api_endpoint)} changes, so every caller configured with it breaks.`
      : `**The HTTP API ${code(before.name)} is destroyed**: nothing answers at ${code(before.api_endpoint)} any more.`,
  );
  const stages = disruptions(plan, "aws_apigatewayv2_stage").map(({ change, before, after }) =>
    after
      ? `**The stage ${code(before.name)} is replaced**${forcedBy(change)}: between its deletion and its re-creation the API serves no request at ${code(before.invoke_url)}${after.name !== before.name ? `, and its invoke URL changes with its name (${code(after.name)})` : ""}.`
      : `**The stage ${code(before.name)} is destroyed**: the API serves nothing at ${code(before.invoke_url)}.`,
  );
  return [...apis, ...stages];
}

function authorizers(plan?: TerraformPlan): string[] {
  return disruptions(plan, "aws_apigatewayv2_authorizer").map(({ change, before, after }) => {
    if (!after) return `**The authorizer ${code(before.name)} is destroyed**: the routes that used it no longer check tokens with it.`;
    const jwt = after.jwt_configuration?.[0];
    const trusts = jwt?.issuer ? `; it will trust issuer ${code(jwt.issuer)} and audience ${names(jwt.audience ?? [])}` : "";
    return `**The authorizer ${code(before.name)} is replaced**${forcedBy(change)}: it gets a new id and every route is updated to use it${trusts}.`;
  });
}

const scopesOf = (route: any): string[] => [...(route?.authorization_scopes ?? [])].sort();

function routes(plan?: TerraformPlan): string[] {
  const lines: string[] = [];
  for (const change of managedChanges(plan).filter((c) => c.type === "aws_apigatewayv2_route")) {
    const action = actionOf(change.change.actions);
    const { before, after } = change.change;
    const key = code(before?.route_key ?? after?.route_key);
    if (action === "destroy") lines.push(`**Route ${key} is removed**: its callers get 404.`);
    if (action === "replace") lines.push(`**Route ${key} is replaced**${forcedBy(change)}: it answers 404 between its deletion and its re-creation.`);
    if (action !== "update" && action !== "replace") continue;
    if (before.authorization_type !== after.authorization_type) {
      lines.push(
        `**Route ${key} changes its authorization** from ${code(before.authorization_type)} to ${code(after.authorization_type ?? "NONE")}${after.authorization_type === "JWT" ? "" : ": it no longer checks tokens"}.`,
      );
    }
    const [was, now] = [scopesOf(before), scopesOf(after)];
    if (was.join() !== now.join())
      lines.push(`**Route ${key} changes its scopes** from ${names(was) || "none"} to ${names(now) || "none"} (a token needs one of them).`);
  }
  return lines;
}

/** Role and client names by id, from both sides of the plan. */
function namesById(changes: readonly ResourceChange[], type: string, idKey: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of changes.filter((x) => x.type === type)) {
    for (const side of [c.change.before, c.change.after]) if (side?.[idKey] && side.name) map.set(side[idKey], side.name);
  }
  return map;
}

interface Holder {
  readonly who: string;
  readonly before: ReadonlySet<string>;
  /** Undefined when only apply knows it: nothing is then claimed about what it loses. */
  readonly after?: ReadonlySet<string>;
}

/** Every role and client with the permissions it holds before and after the plan. */
function holders(changes: readonly ResourceChange[]): Holder[] {
  const roles = namesById(changes, "auth0_role", "id");
  const clientNames = namesById(changes, "auth0_client", "client_id");
  const set = (values: unknown) => new Set<string>(((values as any[]) ?? []).map((p) => (typeof p === "string" ? p : p.name)));
  const afterOf = (c: ResourceChange, key: string) =>
    c.change.after_unknown === true || c.change.after_unknown?.[key] === true ? undefined : set(c.change.after?.[key]);
  const idOf = (c: ResourceChange, key: string) => c.change.before?.[key] ?? c.change.after?.[key];
  const roleHolders = changes
    .filter((c) => c.type === "auth0_role_permissions")
    .map((c) => ({
      who: `role ${code(roles.get(idOf(c, "role_id")) ?? c.name)}`,
      before: set(c.change.before?.permissions),
      after: afterOf(c, "permissions"),
    }));
  const clientHolders = changes
    .filter((c) => c.type === "auth0_client_grant")
    .map((c) => ({
      who: `client ${code(clientNames.get(idOf(c, "client_id")) ?? c.name)}`,
      before: set(c.change.before?.scopes),
      after: afterOf(c, "scopes"),
    }));
  return [...roleHolders, ...clientHolders];
}

function permissions(plan?: TerraformPlan): string[] {
  const changes = managedChanges(plan);
  const scopes = (side: "before" | "after") =>
    new Set(
      changes
        .filter((c) => c.type === "auth0_resource_server_scopes")
        .flatMap((c) => (c.change[side]?.scopes ?? []).map((s: any) => s.name as string)),
    );
  const [was, now] = [scopes("before"), scopes("after")];
  const removed = [...was].filter((p) => !now.has(p)).sort();
  const all = holders(changes);
  const lines = removed.flatMap((permission) => {
    const held = all.filter((h) => h.before.has(permission)).map((h) => h.who);
    if (held.length === 0) return [];
    const still = all.filter((h) => h.after?.has(permission)).map((h) => h.who);
    const kept = still.length ? `; this change still gives it to ${still.join(", ")}, which the API no longer has` : "";
    return [
      `**Permission ${code(permission)} is removed from the API while ${held.join(", ")} ${held.length === 1 ? "holds" : "hold"} it**: ${held.length === 1 ? "it loses" : "they lose"} it${kept}.`,
    ];
  });
  for (const holder of all) {
    const after = holder.after;
    if (!after) continue;
    const lost = [...holder.before].filter((p) => !after.has(p) && !removed.includes(p)).sort();
    if (lost.length)
      lines.push(
        `**${holder.who[0].toUpperCase()}${holder.who.slice(1)} loses ${lost.length === 1 ? "permission" : "permissions"} ${names(lost)}**.`,
      );
  }
  return lines;
}

/** The Action's trigger, from either side of its change. */
const triggerOf = (c: ResourceChange): string => (c.change.after ?? c.change.before)?.supported_triggers?.[0]?.id ?? "its trigger";
const boundNames = (side: any): string[] => (side?.actions ?? []).map((a: any) => String(a.display_name ?? a.id));

/** Code that runs at login changing, and what each trigger runs: it decides what tokens carry, or whether one is issued. */
function actions(plan?: TerraformPlan): string[] {
  const lines: string[] = [];
  for (const change of managedChanges(plan).filter((c) => c.type === "auth0_action")) {
    const action = actionOf(change.change.actions);
    const { before, after } = change.change;
    const name = code(before?.name ?? after?.name);
    if (action === "destroy") lines.push(`**The Action ${name} is deleted**: ${code(triggerOf(change))} no longer runs it.`);
    else if ((action === "update" || action === "replace") && before?.code !== after?.code)
      lines.push(
        `**The Action ${name} runs new code** at ${code(triggerOf(change))} once deployed: it decides what the tokens it runs for carry, or whether they are issued (its diff is under the auth0 plan).`,
      );
  }
  for (const change of managedChanges(plan).filter((c) => c.type === "auth0_trigger_actions")) {
    const [was, now] = [boundNames(change.change.before), boundNames(change.change.after)];
    if (was.join("\n") === now.join("\n")) continue;
    const trigger = code(change.change.before?.trigger ?? change.change.after?.trigger);
    lines.push(`**What runs at ${trigger} changes**: ${names(was) || "nothing"} becomes ${names(now) || "nothing"}, in this order.`);
  }
  return lines;
}

/** The flagged consequences of both stacks' plans, the tenant's first. */
export function consequences(plans: { readonly auth0?: TerraformPlan; readonly aws?: TerraformPlan }): string[] {
  return [
    ...apiServer(plans.auth0),
    ...clients(plans.auth0),
    ...permissions(plans.auth0),
    ...actions(plans.auth0),
    ...endpoints(plans.aws),
    ...authorizers(plans.aws),
    ...routes(plans.aws),
  ];
}
