// `npm run adopt`: brings a console-built setup under code. Reads the tenant's API (by its
// identifier) and the HTTP API (by id or name) — the real ones with Management API credentials
// and the default AWS credential chain, or the local cloud with --local — and writes an
// access-model.ts that keeps every identity, with the import ids that make the first deploy
// import the objects instead of creating them, a stub handler per route in lambda-src/, and
// ADOPTION.md: what that deploy changes and leaves alone. Refuses what the model cannot express,
// never overwrites without --force, and writes nothing when it fails. docs/ADOPT.md.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { adoptionOf, type Adoption } from "../adopt/model";
import { AdoptError, auth0TenantReader, localTenantReader, readHttpApi, readTenant, type AwsTarget, type TenantReader } from "../adopt/read";
import { ManagementApi } from "@apigw-auth0-rbac/local-providers/auth0/api/management";
import { fileStore } from "@apigw-auth0-rbac/local-providers/cloud/store";
import { startLocalCloud } from "../local-cloud/cloud";
import { resolveAccessModel } from "../../../model/src";
import { readCommand } from "./cli";
import { LOCAL_DIR, localCloudDir } from "./local";

const ROOT = join(__dirname, "..");

const COMMAND = readCommand({
  name: "npm run adopt",
  usage: "-- --identifier URL (--api-id ID | --api-name NAME) [--local] [--force]",
  summary:
    "Writes access-model.ts, lambda-src/ stubs and ADOPTION.md from an existing Auth0 API and HTTP API, so the first deploy imports them (ids, audience, client id and invoke URL kept). Nothing is changed in the tenant or the account.",
  flags: {
    identifier: { type: "string", value: "URL", description: "the Auth0 API's identifier (the audience), e.g. https://unicorns.example.com" },
    "api-id": { type: "string", value: "ID", description: "the HTTP API's id" },
    "api-name": { type: "string", value: "NAME", description: "the HTTP API's name (when it is unique in the region)" },
    local: { type: "boolean", description: "read the local cloud (.local/terraform/cloud/) instead of Auth0 and AWS" },
    force: { type: "boolean", description: "overwrite an existing access-model.ts, handler or ADOPTION.md" },
  },
  variables: {
    AUTH0_DOMAIN: "the tenant (with AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, or AUTH0_API_TOKEN): not needed with --local",
    AWS_PROFILE: "or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY: the default credential chain, not needed with --local",
    AWS_REGION: "the HTTP API's region",
    LOCAL_TERRAFORM_DIR: "with --local: the folder of npm run local (default .local/terraform)",
  },
});

/** A TypeScript model file: the adopted model as defineAccessModel's argument, with a header saying where it came from. */
function modelFile(adoption: Adoption, source: string): string {
  return `// Written by npm run adopt from ${source}: see ADOPTION.md for what the first deploy changes.
// "imports" holds the ids of the existing objects: the first deploy imports them instead of
// creating new ones (terraform import blocks); once deployed, they may stay or go.
import { defineAccessModel } from "./model";

export default defineAccessModel(${JSON.stringify(adoption.model, null, 2)});
`;
}

function reportFile(adoption: Adoption, source: string): string {
  return [
    `# Adoption of ${source}`,
    "",
    "Written by `npm run adopt`. Review the plan (`npx cdktf diff`, or `npm run local -- diff` locally) before the first deploy.",
    "",
    "## What the first deploy changes, and why",
    "",
    ...adoption.changes.map((c) => `- ${c.resource ? `\`${c.resource}\`: ` : ""}${c.text}`),
    "",
    "## What it imports and keeps",
    "",
    `- the Auth0 API \`${adoption.model.api.identifier}\` (the audience), its permissions, the roles ${adoption.model.roles.map((r) => `\`${r.name}\``).join(", ")} and their permissions, the SPA client \`${adoption.model.spa.name}\` (its client id), ${adoption.model.clients?.length ? `the applications ${adoption.model.clients.map((c) => `\`${c.name}\``).join(", ")} and their grants` : "no machine-to-machine application"}`,
    `- the HTTP API \`${adoption.model.imports!.aws!.api}\` (its invoke URL), its JWT authorizer, the routes ${adoption.model.routes.map((r) => `\`${r.method} ${r.path}\``).join(", ")} and the $default stage`,
    "",
    "## What it leaves alone",
    "",
    ...adoption.untouched.map((u) => `- ${u}`),
    "",
  ].join("\n");
}

async function readFound(flags: typeof COMMAND.flags) {
  const identifier = flags.identifier;
  if (!identifier) throw new AdoptError("give --identifier, the Auth0 API's identifier (e.g. --identifier https://unicorns.example.com)");
  if (!flags["api-id"] === !flags["api-name"]) throw new AdoptError("give the HTTP API by --api-id ID or by --api-name NAME (one of them)");
  const which = { id: flags["api-id"], name: flags["api-name"] };
  if (!flags.local) {
    const reader: TenantReader = auth0TenantReader(process.env);
    const tenant = await readTenant(reader, identifier);
    return {
      tenant,
      api: await readHttpApi({ region: process.env.AWS_REGION }, which),
      source: `the tenant ${process.env.AUTH0_DOMAIN} and the AWS account`,
    };
  }
  if (process.env.DEPLOY_ENV)
    throw new AdoptError(
      `DEPLOY_ENV=${process.env.DEPLOY_ENV}: adopt writes a model without environments; unset DEPLOY_ENV (--local reads ${relative(ROOT, localCloudDir())}/)`,
    );
  const dir = localCloudDir(undefined, LOCAL_DIR);
  if (!existsSync(join(dir, "cloud.json")))
    throw new AdoptError(
      `there is no local cloud at ${relative(ROOT, dir)}/: create the setup there first (npm run cloud, then the SDKs or a script; docs/ADOPT.md)`,
    );
  const tenant = await readTenant(localTenantReader(new ManagementApi("", fileStore(dir))), identifier);
  // The AWS side through the SDKs against the local cloud's own endpoint, as against AWS.
  const cloud = await startLocalCloud({ dir });
  try {
    const v = cloud.variables;
    const target: AwsTarget = {
      endpoint: v.AWS_ENDPOINT_URL,
      region: process.env.AWS_REGION ?? "us-east-1",
      credentials: { accessKeyId: v.AWS_ACCESS_KEY_ID, secretAccessKey: v.AWS_SECRET_ACCESS_KEY },
    };
    return { tenant, api: await readHttpApi(target, which), source: `the local cloud ${relative(ROOT, dir)}/` };
  } finally {
    await cloud.close();
  }
}

/** Every file written beside its target first, then renamed: all of them or none. */
function writeAll(files: readonly { path: string; contents: string }[], force: boolean): void {
  const existing = files.filter((f) => existsSync(f.path)).map((f) => relative(ROOT, f.path));
  if (existing.length && !force)
    throw new AdoptError(
      `${existing.join(", ")} ${existing.length === 1 ? "exists" : "exist"}: adopt never overwrites without --force (move ${existing.length === 1 ? "it" : "them"} away, or run again with --force); nothing was written`,
    );
  const partials = files.map((f) => ({ ...f, partial: `${f.path}.adopt-${process.pid}.partial` }));
  try {
    for (const f of partials) {
      mkdirSync(join(f.path, ".."), { recursive: true });
      writeFileSync(f.partial, f.contents);
    }
  } catch (err) {
    for (const f of partials) rmSync(f.partial, { force: true });
    throw err;
  }
  for (const f of partials) renameSync(f.partial, f.path);
}

async function main(): Promise<void> {
  const { flags } = COMMAND;
  const found = await readFound(flags);
  const adoption = adoptionOf(found.tenant, found.api);
  // What is written must be a model the project accepts: validated before anything is written.
  const handlers = adoption.handlers.map((h) => h.name);
  resolveAccessModel(adoption.model, { env: {}, availableHandlers: handlers });
  const files = [
    { path: join(ROOT, "access-model.ts"), contents: modelFile(adoption, found.source) },
    ...adoption.handlers.map((h) => ({ path: join(ROOT, "lambda-src", `${h.name}.ts`), contents: h.source })),
    { path: join(ROOT, "ADOPTION.md"), contents: reportFile(adoption, found.source) },
  ];
  writeAll(files, flags.force);
  process.stderr.write(`npm run adopt: wrote ${files.map((f) => relative(ROOT, f.path)).join(", ")} from ${found.source}\n\n`);
  process.stdout.write(reportFile(adoption, found.source));
}

main().catch((err) => {
  const known = err instanceof AdoptError || err?.name === "ProblemsError";
  process.stderr.write(`npm run adopt: ${known ? err.message : ((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
