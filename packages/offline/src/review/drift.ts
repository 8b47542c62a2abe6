// Drift: what changed in the local cloud behind terraform's back, found as terraform's refresh
// finds it — each object of the applied state read again with the stand-in providers' own reads
// (local-providers/*/resources.ts) and compared attribute by attribute, plus routes the HTTP API
// holds that terraform never created. The security-relevant changes are flagged first: a route
// whose authorizer was detached or whose scopes changed, a permission given to a role or client,
// the authorizer's issuer or audience, CORS.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { AwsCloud } from "@apigw-auth0-rbac/local-providers/cloud";
import { AWS_RESOURCES } from "@apigw-auth0-rbac/local-providers/cloud";
import { ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";
import { AUTH0_RESOURCES } from "@apigw-auth0-rbac/local-providers/cloud";
import { equivalent, refreshed } from "@apigw-auth0-rbac/local-providers/cloud";
import { fileStore } from "@apigw-auth0-rbac/local-providers/cloud";
import type { Obj } from "@apigw-auth0-rbac/local-providers/cloud";
import { markdownCode, terminalText } from "@apigw-auth0-rbac/model/text";
import { pullStackState, type StackStates, type StateResource, StateUnavailable } from "../terraform-state/stack-state";
import { codeDiff } from "./code-diff";

type Attrs = Record<string, any>;

export interface DriftItem {
  readonly address: string;
  readonly type: string;
  /** "changed": attributes differ; "deleted": the object is gone; "added": in the cloud only. */
  readonly kind: "changed" | "deleted" | "added";
  /** What a person calls it: the route key, the name or identifier. */
  readonly label: string;
  /** For a role's permissions: the role's name. */
  readonly roleName?: string;
  readonly attributes: readonly { readonly name: string; readonly before: unknown; readonly after: unknown }[];
}

export interface Drift {
  readonly items: readonly DriftItem[];
  /** The changes a reviewer must see first, worded. */
  readonly flagged: readonly string[];
  /** How many applied objects were read again from the local cloud and compared: "none" is said only when some were. */
  readonly compared: number;
  /** What could not be compared, each with how to get it (a stack without state, no local cloud): one line each. */
  readonly notCompared: readonly string[];
}

/** A value read from the cloud or the state in a sentence of Markdown. */
const code = (v: unknown) => markdownCode(typeof v === "string" ? v : String(JSON.stringify(v)));
const names = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : x?.name)).filter(Boolean) : []);

/**
 * The drift of the stacks applied as `states` says where (each stack's state pulled from its
 * backend: stack-state.ts) against the local cloud in `cloudDir`. A stack whose state cannot be
 * read, or a missing local cloud, is said in `notCompared`, never taken for "no drift".
 */
export function localDrift(states: StackStates, cloudDir: string, stacks: readonly string[] = ["auth0", "aws"]): Drift {
  if (!existsSync(join(cloudDir, "cloud.json"))) {
    return {
      items: [],
      flagged: [],
      compared: 0,
      notCompared: [`there is no local cloud at ${states.shown(cloudDir)}/ to compare with: deploy first: ${states.deployCommand}`],
    };
  }
  const store = fileStore(cloudDir);
  const region = process.env.AWS_REGION ?? "us-east-1";
  const cloud = new AwsCloud(region, {}, store);
  const contexts: Record<string, unknown> = { auth0: { tenant: new ManagementApi("", store) }, aws: { cloud, region } };
  const behaviours: Record<string, Record<string, any>> = { auth0: AUTH0_RESOURCES, aws: AWS_RESOURCES };
  const items: DriftItem[] = [];
  const notCompared: string[] = [];
  let compared = 0;
  for (const stack of stacks) {
    const resources = managedResources(states, stack, notCompared);
    for (const r of resources) {
      const read = behaviours[stack][r.type]?.read;
      if (!read) continue;
      r.instances.forEach((instance) => {
        compared++;
        const address = `${r.type}.${r.name}${instance.index_key !== undefined ? `[${JSON.stringify(instance.index_key)}]` : ""}`;
        const now = read(instance.attributes, contexts[stack]);
        const a = instance.attributes;
        const label = String(a.route_key ?? a.name ?? a.identifier ?? a.function_name ?? a.statement_id ?? a.trigger ?? a.id);
        if (now === null) {
          items.push({ address, type: r.type, kind: "deleted", label, attributes: [] });
          return;
        }
        const after = refreshed(instance.attributes as Obj, now) as Attrs;
        const changed = Object.keys(now)
          .filter((k) => !equivalent(instance.attributes[k], after[k]))
          .map((name) => ({ name, before: instance.attributes[name], after: after[name] }));
        if (changed.length) items.push({ address, type: r.type, kind: "changed", label, attributes: changed });
      });
    }
    if (stack === "aws") items.push(...routesOutsideTerraform(resources, cloud));
    const roleNames = new Map(
      resources.filter((r) => r.type === "auth0_role").flatMap((r) => r.instances.map((i) => [i.attributes.id, i.attributes.name] as const)),
    );
    items.forEach((item, i) => {
      if (item.type === "auth0_role_permissions" && !item.roleName)
        items[i] = {
          ...item,
          roleName:
            roleNames.get(item.label) ??
            roleNames.get(String(resources.find((r) => `${r.type}.${r.name}` === item.address)?.instances[0]?.attributes.role_id)),
        };
    });
  }
  return { items, flagged: flaggedOf(items), compared, notCompared };
}

/** The stack's managed resources as its state holds them; none, said in `notCompared`, when its state cannot be read or is empty. */
function managedResources(states: StackStates, stack: string, notCompared: string[]): readonly StateResource[] {
  try {
    const resources = pullStackState(states, stack).resources.filter((r) => r.mode === "managed");
    if (resources.length === 0)
      notCompared.push(`the ${stack} stack's state holds no resources (destroyed, or never applied): deploy it first: ${states.deployCommand}`);
    return resources;
  } catch (err) {
    if (!(err instanceof StateUnavailable)) throw err;
    notCompared.push(err.message);
    return [];
  }
}

function routesOutsideTerraform(resources: readonly StateResource[], cloud: AwsCloud): DriftItem[] {
  const api = resources.find((r) => r.type === "aws_apigatewayv2_api")?.instances[0]?.attributes;
  if (!api) return [];
  const known = new Set(resources.filter((r) => r.type === "aws_apigatewayv2_route").flatMap((r) => r.instances.map((i) => i.attributes.id)));
  let routes: Attrs[] = [];
  try {
    routes = cloud.apigatewayv2.getChildren(api.id, "routes");
  } catch {
    return [];
  }
  return routes
    .filter((route) => !known.has(route.RouteId))
    .map((route) => ({
      address: `aws_apigatewayv2_route (${route.RouteKey}, made outside terraform)`,
      type: "aws_apigatewayv2_route",
      kind: "added" as const,
      label: route.RouteKey,
      attributes: [
        { name: "route_key", before: null, after: route.RouteKey },
        { name: "authorization_type", before: null, after: route.AuthorizationType ?? "NONE" },
        { name: "authorization_scopes", before: null, after: route.AuthorizationScopes ?? [] },
      ],
    }));
}

const attr = (item: DriftItem, name: string) => item.attributes.find((a) => a.name === name);
/** A binding's Actions as their display names, in order. */
const boundNames = (value: unknown): string => (Array.isArray(value) ? value.map((a) => a?.display_name ?? a?.id).join(", ") : "");

/** An attribute that holds code: shown as a diff, not as two JSON strings. */
export const isCode = (item: DriftItem, name: string) => item.type === "auth0_action" && name === "code";

/** The changes of `items` a reviewer must see first, the ones that open access first. */
function flaggedOf(items: readonly DriftItem[]): string[] {
  const opened: string[] = [];
  const other: string[] = [];
  for (const item of items) {
    if (item.type === "aws_apigatewayv2_route") {
      if (item.kind === "added") {
        const type = attr(item, "authorization_type")?.after;
        (type === "JWT" ? other : opened).push(
          `**Route ${code(attr(item, "route_key")?.after)} was created outside terraform**${type === "JWT" ? "" : `, with authorization ${code(type)}: it answers without a token`}; the next deploy leaves it in place (terraform does not know it).`,
        );
        continue;
      }
      if (item.kind === "deleted") {
        other.push(`**Route ${code(item.label)} was deleted outside terraform**: its callers get 404 until the next deploy creates it again.`);
        continue;
      }
      const type = attr(item, "authorization_type");
      const authorizer = attr(item, "authorizer_id");
      const scopes = attr(item, "authorization_scopes");
      const key = code(item.label);
      if ((type && type.after !== "JWT") || (authorizer && !authorizer.after)) {
        opened.push(
          `**Route ${key}: its authorizer was detached outside terraform** (authorization ${code(type?.after ?? "NONE")}): it answers without a token until the next deploy restores the JWT authorizer.`,
        );
      } else if (scopes) {
        opened.push(
          `**Route ${key}: its scopes were changed outside terraform** from ${code(names(scopes.before))} to ${code(names(scopes.after))}; the next deploy restores them.`,
        );
      }
      continue;
    }
    if ((item.type === "auth0_role_permissions" || item.type === "auth0_client_grant") && item.kind === "changed") {
      const list = attr(item, item.type === "auth0_role_permissions" ? "permissions" : "scopes");
      if (!list) continue;
      const [was, now] = [names(list.before), names(list.after)];
      const added = now.filter((p) => !was.includes(p));
      const removed = was.filter((p) => !now.includes(p));
      const who = item.type === "auth0_role_permissions" ? `role ${code(item.roleName ?? item.label)}` : `client grant of ${code(item.label)}`;
      if (added.length)
        opened.push(
          `**A permission was added outside terraform**: the ${who} now grants ${code(added)}; every holder gets it until the next deploy removes it.`,
        );
      if (removed.length) other.push(`**A permission was removed outside terraform**: the ${who} no longer grants ${code(removed)}.`);
      continue;
    }
    if (item.type === "auth0_action" && item.kind === "changed" && attr(item, "code")) {
      const deployed = attr(item, "version_id") !== undefined;
      opened.push(
        `**The Action ${code(item.label)}'s code was edited outside terraform**${deployed ? " and deployed: logins run the edit now," : " but not deployed: logins still run the deployed version;"} the next deploy puts back the code of the model's file (its diff is in the drift table's section).`,
      );
      continue;
    }
    if (item.type === "auth0_trigger_actions" && item.kind === "changed") {
      const list = attr(item, "actions");
      opened.push(
        `**What runs at ${code(item.label)} was changed outside terraform**: ${code(boundNames(list?.before) || "nothing")} became ${code(boundNames(list?.after) || "nothing")}; the next deploy binds the model's Actions again.`,
      );
      continue;
    }
    if (item.type === "aws_apigatewayv2_authorizer" && item.kind === "changed" && attr(item, "jwt_configuration")) {
      opened.push(
        `**The JWT authorizer's issuer or audience was changed outside terraform** (${code(item.address)}): it trusts other tokens until the next deploy.`,
      );
      continue;
    }
    if (item.type === "aws_apigatewayv2_api" && item.kind === "changed" && attr(item, "cors_configuration")) {
      opened.push(
        `**The HTTP API's CORS was changed outside terraform** (${code(item.address)}): other browser origins may call it until the next deploy.`,
      );
      continue;
    }
    if (item.type === "auth0_resource_server" && item.kind === "changed" && (attr(item, "enforce_policies") || attr(item, "token_dialect"))) {
      opened.push(
        `**The Auth0 API's RBAC settings were changed outside terraform** (${item.attributes.map((a) => code(a.name)).join(", ")}): tokens may carry scopes no role grants.`,
      );
      continue;
    }
    other.push(
      item.kind === "deleted"
        ? `${code(item.address)} was deleted outside terraform: the next deploy creates it again.`
        : `${code(item.address)} was changed outside terraform (${item.attributes.map((a) => code(a.name)).join(", ")}): the next deploy changes it back.`,
    );
  }
  return [...opened, ...other];
}

/**
 * The drift as text for a terminal (terminal.ts: no control character of a name or a path is
 * sent): "none" only when objects were compared; what was not compared, and how to get it.
 */
export function driftText(drift: Drift): string {
  const notCompared = drift.notCompared.map((n) => `  - ${n}`);
  if (drift.compared === 0) {
    return terminalText(`${["Drift: not checked — nothing was compared:", ...notCompared].join("\n")}\n`);
  }
  const alsoNot = notCompared.length ? ["  not compared:", ...notCompared.map((n) => `  ${n}`)] : [];
  if (drift.items.length === 0) {
    const none = `Drift: none — the local cloud holds what terraform applied (${drift.compared} object${drift.compared === 1 ? "" : "s"} compared).`;
    return terminalText(`${[none, ...alsoNot].join("\n")}\n`);
  }
  const lines = [
    "Drift: the local cloud has changed behind terraform's back (security-relevant first):",
    ...drift.flagged.map((f) => `  ! ${f.replace(/\*\*/g, "")}`),
    "",
    "  what a refresh reads:",
  ];
  for (const item of drift.items) {
    lines.push(
      `    ${item.kind === "deleted" ? "- deleted" : item.kind === "added" ? "+ outside terraform" : "~ changed"} ${item.address} (${item.label})`,
    );
    for (const a of item.attributes) {
      if (isCode(item, a.name))
        lines.push(
          `        ${a.name}:`,
          ...codeDiff(String(a.before ?? ""), String(a.after ?? ""), "applied", "now")
            .split("\n")
            .map((l) => `          ${l}`),
        );
      else lines.push(`        ${a.name}: ${JSON.stringify(a.before)} -> ${JSON.stringify(a.after)}`);
    }
  }
  return terminalText(`${[...lines, ...alsoNot].join("\n")}\n`);
}
