// `npm run adopt`: brings a console-built setup under code. Reads the tenant's API (by its
// identifier) and the HTTP API (by id or name) — the real ones with Management API credentials
// and the default AWS credential chain, or the local cloud with --local — and writes an
// access-model.ts that keeps every identity, with the import ids that make the first deploy
// import the objects instead of creating them, a stub handler per route in lambda-src/, each
// Action bound to a trigger the model binds in actions/ (its deployed code), and
// ADOPTION.md: what that deploy changes and leaves alone. Refuses what the model cannot express,
// never overwrites without --force, and writes nothing when it fails. The toolkit's docs/ADOPT.md.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileStore, ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";
import { resolveAccessModel } from "@apigw-auth0-rbac/model";
import { type Project, projectPath, writeFilesTogether } from "@apigw-auth0-rbac/model/project";
import { terminalText } from "@apigw-auth0-rbac/model/text";
import { modelFile, reportFile } from "../adopt/files";
import { adoptionOf } from "../adopt/model";
import { AdoptError, auth0TenantReader, localTenantReader, readHttpApi, readTenant, type AwsTarget, type TenantReader } from "../adopt/read";
import { startLocalCloud } from "../local-cloud/cloud";
import { LocalLayout } from "../local-terraform/layout";
import { readCommand } from "./cli";
import type { Command } from "./command";

const SPEC = {
  name: "npm run adopt",
  usage: "-- --identifier URL (--api-id ID | --api-name NAME) [--local] [--force]",
  summary:
    "Writes the model file, handler stubs and ADOPTION.md from an existing Auth0 API and HTTP API, so the first deploy imports them (ids, audience, client id and invoke URL kept). Nothing is changed in the tenant or the account.",
  flags: {
    identifier: { type: "string", value: "URL", description: "the Auth0 API's identifier (the audience), e.g. https://unicorns.example.com" },
    "api-id": { type: "string", value: "ID", description: "the HTTP API's id" },
    "api-name": { type: "string", value: "NAME", description: "the HTTP API's name (when it is unique in the region)" },
    local: { type: "boolean", description: "read the local cloud (.local/terraform/cloud/) instead of Auth0 and AWS" },
    force: { type: "boolean", description: "overwrite an existing model file, handler or ADOPTION.md" },
  },
  variables: {
    AUTH0_DOMAIN: "the tenant (with AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, or AUTH0_API_TOKEN): not needed with --local",
    AWS_PROFILE: "or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY: the default credential chain, not needed with --local",
    AWS_REGION: "the HTTP API's region",
    LOCAL_TERRAFORM_DIR: "with --local: the folder of npm run local (default .local/terraform)",
  },
} as const;

type Flags = ReturnType<typeof readCommand<(typeof SPEC)["flags"]>>["flags"];

export const ADOPT: Command = {
  name: SPEC.name,
  summary: "brings a console-built setup under code: a model, handler stubs and ADOPTION.md, imported on the first deploy",
  async run(project, argv) {
    const { flags } = readCommand(SPEC, argv);
    const found = await readFound(project, flags);
    const adoption = adoptionOf(found.tenant, found.api);
    // What is written must be a model the project accepts: validated before anything is written.
    const handlers = adoption.handlers.map((h) => h.name);
    resolveAccessModel(adoption.model, {
      env: {},
      availableHandlers: handlers,
      handlerFolder: projectPath(project, project.handlerDir),
      availableActions: adoption.actions.map((a) => a.name),
      actionFolder: projectPath(project, project.actionDir),
    });
    const files = [
      { path: project.modelFile, contents: modelFile(adoption) },
      ...adoption.handlers.map((h) => ({ path: join(project.handlerDir, `${h.name}.ts`), contents: h.source })),
      ...adoption.actions.map((a) => ({ path: join(project.actionDir, `${a.name}.ts`), contents: a.source })),
      { path: join(project.root, "ADOPTION.md"), contents: reportFile(adoption, found.source) },
    ];
    writeAll(project, files, flags.force ?? false);
    // The report names what the account holds: a name's control characters are shown, not sent to the terminal.
    process.stderr.write(terminalText(`npm run adopt: wrote ${files.map((f) => projectPath(project, f.path)).join(", ")} from ${found.source}\n\n`));
    process.stdout.write(terminalText(reportFile(adoption, found.source)));
  },
};

async function readFound(project: Project, flags: Flags) {
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
  const layout = new LocalLayout(project);
  const dir = layout.cloudDir();
  if (process.env.DEPLOY_ENV)
    throw new AdoptError(
      `DEPLOY_ENV=${process.env.DEPLOY_ENV}: adopt writes a model without environments; unset DEPLOY_ENV (--local reads ${layout.shown(dir)}/)`,
    );
  if (!existsSync(join(dir, "cloud.json")))
    throw new AdoptError(
      `there is no local cloud at ${layout.shown(dir)}/: create the setup there first (npm run cloud, then the SDKs or a script: see ADOPT.md in @apigw-auth0-rbac/offline's docs)`,
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
    return { tenant, api: await readHttpApi(target, which), source: `the local cloud ${layout.shown(dir)}/` };
  } finally {
    await cloud.close();
  }
}

/** Every file, or none of them; an existing file only with --force. */
function writeAll(project: Project, files: readonly { path: string; contents: string }[], force: boolean): void {
  const existing = files.filter((f) => existsSync(f.path)).map((f) => projectPath(project, f.path));
  if (existing.length && !force)
    throw new AdoptError(
      `${existing.join(", ")} ${existing.length === 1 ? "exists" : "exist"}: adopt never overwrites without --force (move ${existing.length === 1 ? "it" : "them"} away, or run again with --force); nothing was written`,
    );
  writeFilesTogether(files);
}
