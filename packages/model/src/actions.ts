// Auth0 Actions in the model: code the tenant runs at login, bound to a trigger, and the JSON
// metadata a test user carries for it to read. Structural rules live here (zod); the ones that
// relate an Action to the rest of the model (names unique, files present) live in validate.ts.
import semver from "semver";
import validatePackageName from "validate-npm-package-name";
import { z } from "zod";

/**
 * The triggers the model binds Actions to, and the version of each that Auth0 lists as CURRENT
 * (GET /api/v2/actions/triggers, as the provider's docs/guides/action_triggers.md at v1.55.0
 * shows it: post-login v3, credentials-exchange v2).
 */
export const ACTION_TRIGGERS = { "post-login": "v3", "credentials-exchange": "v2" } as const;
export type ActionTrigger = keyof typeof ACTION_TRIGGERS;
const TRIGGER_IDS = Object.keys(ACTION_TRIGGERS) as [ActionTrigger, ...ActionTrigger[]];

/** What an Action's file exports for its trigger, as Auth0 calls it. */
export const ACTION_EXPORTS: Readonly<Record<ActionTrigger, string>> = {
  "post-login": "onExecutePostLogin",
  "credentials-exchange": "onExecuteCredentialsExchange",
};

/** An Action's name: its file in the action folder without extension, lower case with dashes (as clients are named). */
export const ACTION_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A secret's name: it names the Terraform variable action_secret_<NAME>, so an identifier a shell can set (TF_VAR_action_secret_<NAME>). */
export const ACTION_SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The sensitive Terraform variable a secret's value comes from. */
export const actionSecretVariable = (secret: string) => `action_secret_${secret}`;

const packageName = z.string().refine((name) => validatePackageName(name).validForNewPackages, {
  error: (issue) => {
    const why = validatePackageName(String(issue.input));
    return `${JSON.stringify(issue.input)} is not an npm package name (${[...(why.errors ?? []), ...(why.warnings ?? [])].join("; ")}); write it as npm does, e.g. "lodash" or "@scope/name"`;
  },
});

/**
 * npm's dist-tags are names that are not version ranges and that URL encoding leaves as they
 * are (npm's `npm dist-tag` rule); every other version npm installs from the registry is a
 * semver range. Git URLs and tarballs are left out: Auth0 installs from the registry.
 */
const isDistTag = (value: string) => value !== "" && encodeURIComponent(value) === value && semver.validRange(value) === null;
const packageVersion = z.string().refine((v) => v.trim() === v && v !== "" && (semver.validRange(v) !== null || isDistTag(v)), {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a version npm installs from the registry; give a version ("4.17.21"), a range ("^4.17.0") or a tag ("latest")`,
});

export const actionDependencySchema = z.strictObject({
  name: packageName.describe('The npm package, e.g. "lodash": Auth0 installs it for the Action, and the bundle leaves it out (external).'),
  version: packageVersion.describe('The version Auth0 installs: "4.17.21", a range, or a tag such as "latest".'),
});

export const actionSchema = z.strictObject({
  name: z
    .string()
    .regex(ACTION_NAME, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not an Action name; use lower case and dashes, e.g. "add-roles" (its file is actions/add-roles.ts)`,
    })
    .describe("Lower case with dashes: the file `<actionDir>/<name>.ts` holds its code; the Auth0 Action is named after it (with the environment)."),
  trigger: z
    .enum(TRIGGER_IDS, {
      error: (issue) => `${JSON.stringify(issue.input)} is not a trigger the model binds Actions to; use one of ${TRIGGER_IDS.join(", ")}`,
    })
    .describe(
      `Where Auth0 runs it: "post-login" (a user's login and token refresh; export onExecutePostLogin) or "credentials-exchange" (a machine-to-machine token; export onExecuteCredentialsExchange). Within one trigger, the list's order is the order they run in.`,
    ),
  description: z.string().optional().describe("What it does, for the model's readers (Auth0 keeps no description of an Action)."),
  dependencies: z
    .array(actionDependencySchema)
    .default([])
    .describe("npm packages Auth0 installs for it; the bundle imports them instead of including them."),
  secrets: z
    .array(
      z.string().regex(ACTION_SECRET_NAME, {
        error: (issue) =>
          `${JSON.stringify(issue.input)} is not a secret name; use letters, digits and underscores, not starting with a digit, e.g. "API_KEY" (its value: TF_VAR_action_secret_API_KEY)`,
      }),
    )
    .default([])
    .describe(
      "Names of the secrets it reads as `event.secrets.<NAME>`; each value comes from the sensitive Terraform variable `action_secret_<NAME>` (`TF_VAR_action_secret_<NAME>`), never from code.",
    ),
});

/** JSON data: what Auth0 keeps as a user's metadata. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Why `value` is not JSON data, with where in it; undefined when it is. */
function notJson(value: unknown, at: string): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${at} is ${value}, which JSON cannot hold`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const why = notJson(value[i], `${at}[${i}]`);
      if (why) return why;
    }
    return undefined;
  }
  if (typeof value === "object" && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    for (const [key, v] of Object.entries(value)) {
      const why = notJson(v, `${at}[${JSON.stringify(key)}]`);
      if (why) return why;
    }
    return undefined;
  }
  return `${at} is ${value === undefined ? "undefined" : typeof value === "object" ? "an object of a class" : `a ${typeof value}`}, which JSON cannot hold`;
}

/** A copy of JSON data whose objects have no prototype: every key, "__proto__" too, is an own key that reads as itself. */
function asRecords(value: Json): Json {
  if (Array.isArray(value)) return value.map(asRecords);
  if (typeof value !== "object" || value === null) return value;
  const out: { [key: string]: Json } = Object.create(null);
  for (const [key, v] of Object.entries(value)) out[key] = asRecords(v);
  return out;
}

const isPlainObject = (input: unknown): input is Record<string, unknown> => typeof input === "object" && input !== null && !Array.isArray(input);

/**
 * A user's metadata: a JSON object whose keys are data. zod's records drop a "__proto__" key;
 * this keeps every own key, in objects without a prototype, as Auth0 keeps what it is given.
 */
export const metadataSchema = z
  .custom<{ [key: string]: Json }>(isPlainObject, {
    error: (issue) => `must be a JSON object (keys and values), not ${JSON.stringify(issue.input) ?? String(issue.input)}`,
  })
  .superRefine((input, ctx) => {
    const why = notJson(input, "the object");
    if (why) ctx.addIssue({ code: "custom", message: `${why}; give JSON data only (strings, numbers, booleans, null, lists and objects)` });
  })
  .superRefine((input, ctx) => {
    const key = dottedKey(input, "the object");
    if (key)
      ctx.addIssue({
        code: "custom",
        message: `${key} holds "." or "$", which Auth0 refuses in a metadata field's name (https://auth0.com/docs/manage-users/user-accounts/metadata/metadata-fields-data, "Accepted characters"); nest it instead: { "preference": { "color": … } } for "preference.color"`,
      });
  })
  .overwrite((input) => asRecords(input) as { [key: string]: Json })
  .meta({ type: "object", additionalProperties: {} });

/** The first key, at any depth, with a "." or a "$" in it, said as where it is; undefined when there is none. */
function dottedKey(value: unknown, at: string): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = dottedKey(value[i], `${at}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, v] of Object.entries(value)) {
    if (/[.$]/.test(key)) return `${at}'s key ${JSON.stringify(key)}`;
    const found = dottedKey(v, `${at}[${JSON.stringify(key)}]`);
    if (found) return found;
  }
  return undefined;
}
