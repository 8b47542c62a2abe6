// `npm run local -- <cdktf command and flags>`: runs that cdktf command with the real
// terraform against local stand-ins of the auth0 and aws providers, offline. Everything it
// writes lives under .local/terraform/ (git-ignored): the prebuilt providers, a provider
// mirror, a terraform CLI configuration, the synthesized stacks and the state. Only its own
// child processes see that configuration, and whatever state backend is configured, a
// local run uses its own local state: real state is never read or written.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { MINIMUM_TERRAFORM_VERSION } from "@apigw-auth0-rbac/model/defaults";
import { helpText } from "./cli";

const ROOT = join(__dirname, "..");

export class LocalRunError extends Error {}
/** LOCAL_TERRAFORM_DIR (inside .local/, relative to the project root) lets tests keep their own. */
export const LOCAL_DIR = join(ROOT, checkedLocalDir());
export const LOCAL_STATE_DIR = join(LOCAL_DIR, "state");

/** A local terraform folder of a command's own (e.g. the review's scratch), checked as LOCAL_TERRAFORM_DIR is. */
export function localTerraformDir(setting: string): string {
  return join(ROOT, localDirSetting(setting));
}

/**
 * Where a local run synthesizes: one folder per environment, since each holds terraform's
 * working directories bound to that environment's state. Its stacks climb three levels to
 * LOCAL_DIR, so the state lands in LOCAL_DIR/state/[<environment>/].
 */
export function localOutdir(environment?: string): string {
  return join(LOCAL_DIR, environment ? `cdktf.out.${environment}` : "cdktf.out");
}

/**
 * Where a local run of `environment` keeps its local cloud: the objects the stand-in providers
 * create, which terraform's refresh reads back and `npm run cloud` serves (cloud.<env>, as cdktf.out.<env>).
 */
export function localCloudDir(environment?: string, localDir = LOCAL_DIR): string {
  return join(localDir, environment ? `cloud.${environment}` : "cloud");
}

/** Where a local run of `environment` keeps both stacks' state. */
export function localStateDir(environment?: string): string {
  return environment ? join(LOCAL_STATE_DIR, environment) : LOCAL_STATE_DIR;
}

/** The environment of this run (as the app chooses it); unknown when the model does not resolve, which the synth then reports. */
export function runEnvironment(): string | undefined {
  try {
    return require("../project/environment").projectEnvironment(ROOT);
  } catch {
    return undefined;
  }
}
/**
 * The public hosted zones the local account holds: LOCAL_AWS_HOSTED_ZONES when set, else every
 * zone the model's domains name. A real deploy finds its zone, it does not create it: locally the
 * zone exists because the model says it does, and a zone it does not name is not found.
 */
export function localHostedZones(env: Readonly<Record<string, string | undefined>>, model: unknown = projectModel()): string {
  if (env.LOCAL_AWS_HOSTED_ZONES !== undefined) return env.LOCAL_AWS_HOSTED_ZONES;
  const { declaredDomains } = require("@apigw-auth0-rbac/model/domain");
  const declared = (model ?? {}) as { domain?: unknown; environments?: Record<string, unknown> };
  const zones = declaredDomains({ domain: declared.domain, environments: declared.environments ?? {} }).map(
    (d: { domain: { hostedZone: string } }) => d.domain.hostedZone,
  );
  return [...new Set(zones)].join(",");
}

function projectModel(): unknown {
  try {
    return require("../../../../access-model").default;
  } catch {
    return undefined;
  }
}
const CLI_CONFIG = join(LOCAL_DIR, "terraformrc");
const MIN_TERRAFORM = MINIMUM_TERRAFORM_VERSION.split(".").map(Number);

interface LocalProvider {
  /** registry.terraform.io/<namespace>/<type> */
  readonly namespace: string;
  readonly type: string;
  readonly version: string;
  readonly schema: string;
}

/** The providers the stacks ask for, at the versions they pin. */
function providers(): LocalProvider[] {
  const cdktf = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8"));
  const auth0 = (cdktf.terraformProviders as string[]).find((p) => p.startsWith("auth0/auth0@"));
  if (!auth0) throw new Error("cdktf.json lists no auth0/auth0 provider");
  const awsPackage = require("@cdktf/provider-aws/package.json");
  // The CDK Terrain fork's packages say "cdktn" here (scripts/check-cdktn.ts swaps the import).
  const awsVersion: string = (awsPackage.cdktf ?? awsPackage.cdktn).provider.version;
  const auth0Version = auth0.split("@")[1];
  return [
    { namespace: "auth0", type: "auth0", version: auth0Version, schema: join(ROOT, "schema", `auth0-${auth0Version}.providers-schema.json`) },
    { namespace: "hashicorp", type: "aws", version: awsVersion, schema: join(ROOT, "schema", `aws-${awsVersion}.providers-schema.json`) },
  ];
}

/** The setting, checked when this module loads: as a command, a bad one is said and nothing runs. */
function checkedLocalDir(): string {
  try {
    return localDirSetting(process.env.LOCAL_TERRAFORM_DIR);
  } catch (err) {
    if (require.main !== module) throw err;
    process.stderr.write(`npm run local: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

/**
 * LOCAL_TERRAFORM_DIR: one folder directly inside .local/, by name (no "..", no "."), and
 * once resolved (links followed) still inside the project's own .local/.
 */
function localDirSetting(value: string | undefined): string {
  const name = value === undefined || value === "" ? join(".local", "terraform") : value;
  const refuse = (why: string) =>
    new LocalRunError(`LOCAL_TERRAFORM_DIR=${value} ${why}: give a folder directly inside .local/ (e.g. .local/terraform-test); nothing was changed`);
  if (!/^\.local\/[\w-][\w.-]*$/.test(name)) throw refuse("is not a folder directly inside .local/");
  const local = join(ROOT, ".local");
  if (existsSync(local) && lstatSync(local).isSymbolicLink()) throw refuse("lies outside the project: .local is a link");
  const target = join(ROOT, name);
  if (existsSync(target) && realpathSync(target) !== join(realpathSync(local), basename(target)))
    throw refuse(`resolves to ${realpathSync(target)}, outside .local/`);
  return name;
}

/** terraform on the PATH, at least 1.10 (S3-native locking, and what the stacks are tested with). */
export function checkTerraform(env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync("terraform", ["version", "-json"], {
    env: { ...env, TF_CLI_CONFIG_FILE: CLI_CONFIG, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  if (result.error) {
    throw new LocalRunError(
      "terraform was not found on the PATH. Install terraform 1.10 or newer (https://developer.hashicorp.com/terraform/install) and run this again; nothing was changed.",
    );
  }
  let version = "";
  try {
    version = JSON.parse(result.stdout).terraform_version;
  } catch {
    version = /Terraform v(\d+\.\d+\.\d+)/.exec(result.stdout)?.[1] ?? "";
  }
  const [major = 0, minor = 0] = version.split(".").map(Number);
  if (!version || major < MIN_TERRAFORM[0] || (major === MIN_TERRAFORM[0] && minor < MIN_TERRAFORM[1])) {
    throw new LocalRunError(
      `terraform ${version || "(unknown version)"} is too old: install terraform ${MIN_TERRAFORM.join(".")} or newer; nothing was changed.`,
    );
  }
  return version;
}

const PLATFORM = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;

/**
 * LOCAL_AWS_QUOTAS, when set: the account's applied quota values (Service Quotas) where AWS
 * raised them, which the aws stand-in then enforces instead of the defaults.
 */
function checkAppliedQuotas(text: string | undefined): void {
  if (!text) return;
  const { AWS_CATALOGUE } = require("@apigw-auth0-rbac/local-providers/catalogue");
  const { quotaDefaults } = require("@apigw-auth0-rbac/local-providers/service-rules");
  const defaults: Record<string, number> = quotaDefaults(Object.values(AWS_CATALOGUE));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const valid =
    !!parsed &&
    typeof parsed === "object" &&
    !Array.isArray(parsed) &&
    Object.entries(parsed).every(([k, v]) => k in defaults && Number.isInteger(v) && (v as number) > 0);
  if (!valid) {
    const known = Object.entries(defaults)
      .map(([k, v]) => `${k} (default ${v})`)
      .join(", ");
    throw new LocalRunError(
      `LOCAL_AWS_QUOTAS=${text} must be a JSON object of your account's applied quota values, positive integers by name, e.g. {"routes-per-api":500}; known: ${known}`,
    );
  }
}

/**
 * The prebuilt providers, the mirror that serves them, and the CLI configuration naming the
 * mirror, in `localDir` (LOCAL_DIR, or a folder from localTerraformDir).
 */
export function prepare(localDir = LOCAL_DIR, cloudDir = localCloudDir(undefined, localDir)): { env: NodeJS.ProcessEnv } {
  checkAppliedQuotas(process.env.LOCAL_AWS_QUOTAS);
  const mirror = join(localDir, "mirror");
  const cliConfig = join(localDir, "terraformrc");
  const stateDir = join(localDir, "state");
  const { build, BUNDLE, OUT_DIR } = require("../../../local-providers/scripts/bundle-provider.js");
  build({ ifStale: true });
  for (const p of providers()) {
    const dir = join(mirror, "registry.terraform.io", p.namespace, p.type, p.version, PLATFORM);
    mkdirSync(dir, { recursive: true });
    const executable = join(dir, `terraform-provider-${p.type}_v${p.version}`);
    // The code lives outside the mirror: terraform hashes this script into the lock file,
    // which therefore stays the same when the stand-in's code changes.
    writeFileSync(executable, `#!/bin/sh\nexec "${process.execPath}" "${BUNDLE}" ${p.type} "${p.schema}" "${join(OUT_DIR, "protocol")}"\n`);
    chmodSync(executable, 0o755);
  }
  writeFileSync(
    cliConfig,
    `# Written by npm run local: providers come from the local mirror only.\ndisable_checkpoint = true\nprovider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`,
  );
  mkdirSync(stateDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("STATE_S3_")) delete env[name];
  Object.assign(env, {
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    // Whatever backend is configured: local state in .local/terraform/state.
    STATE_BACKEND: "local",
    STATE_LOCAL_DIR: relative(localDir, stateDir),
    // The stand-ins' service APIs keep their objects here (local-providers/cloud/store.ts).
    LOCAL_CLOUD_DIR: cloudDir,
    AWS_REGION: process.env.AWS_REGION ?? "us-east-1",
    // The cdktf CLI otherwise points terraform's plugin cache at $HOME/.terraform.d/plugin-cache
    // (cdktf-cli bin/cdktf.ts, CDKTF_DISABLE_PLUGIN_CACHE_ENV), where the stand-ins of whichever
    // checkout ran last would be shared by every other one.
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1",
    // The CLI keeps its telemetry id in $CDKTF_HOME (default ~/.cdktf): keep it in the project.
    CDKTF_HOME: join(localDir, "cdktf-home"),
  });
  delete env.TF_PLUGIN_CACHE_DIR;
  return { env };
}

/** The cdktf arguments with the local output folder; an --output of the user's is refused. */
export function cdktfArguments(args: readonly string[], outdir = localOutdir()): string[] {
  if (args.length === 0) throw new LocalRunError("give a cdktf command, e.g. npm run local -- deploy auth0 aws --auto-approve");
  if (args.some((a) => a === "-o" || a === "--output" || a.startsWith("--output="))) {
    throw new LocalRunError(
      `--output is set by npm run local (${relative(ROOT, outdir)}), so local runs never share a folder with real ones; leave it out`,
    );
  }
  const command = args[0];
  const out = [...args];
  if (["deploy", "diff", "destroy", "synth", "output", "list"].includes(command)) out.push("--output", relative(ROOT, outdir));
  // `terraform providers lock` asks the registry for every platform's checksums: the mirror
  // cannot answer, and init has already written the lock file for this platform.
  if (["deploy", "diff", "destroy"].includes(command) && !out.includes("--skip-provider-lock")) out.push("--skip-provider-lock");
  return out;
}

/** The installed CLI: cdktf's, or CDK Terrain's after the move (same commands and flags). */
export function cdkCli(): string {
  const cli = ["cdktf", "cdktn"].map((name) => join(ROOT, "node_modules", ".bin", name)).find((path) => existsSync(path));
  if (!cli) throw new LocalRunError("neither cdktf-cli nor cdktn-cli is installed: run npm ci");
  return cli;
}

const HELP = {
  name: "npm run local",
  usage: "-- <cdktf command> [its flags]",
  summary:
    "That cdktf command (deploy, diff, destroy, synth, output, list) with the real terraform against local stand-ins of auth0/auth0 and hashicorp/aws: offline, in .local/terraform/, never the real state. `npm run local -- <command> --help` shows cdktf's own help.",
  flags: {},
  positionals: { name: "<cdktf command>", description: "e.g. deploy auth0 aws --auto-approve, or diff aws" },
  variables: {
    DEPLOY_ENV: "the environment (its own folders cdktf.out.<env>, state/<env>/ and cloud.<env>/)",
    LOCAL_TERRAFORM_DIR: "another folder directly inside .local/ for everything a local run writes (default .local/terraform)",
    AWS_REGION: "the region the stand-in reports (default us-east-1)",
    LOCAL_AWS_HOSTED_ZONES: "the public Route 53 zones the local account holds, comma-separated (default: the zones the model's domains name)",
  },
} as const;

async function main(): Promise<void> {
  // Everything else is cdktf's, its own --help included.
  if (process.argv[2] === "--help" || process.argv[2] === "-h") {
    process.stdout.write(helpText(HELP));
    return;
  }
  const environment = runEnvironment();
  const outdir = localOutdir(environment);
  const args = cdktfArguments(process.argv.slice(2), outdir);
  const version = checkTerraform();
  const cloud = localCloudDir(environment);
  // A local cloud this checkout cannot read is said before terraform starts, and nothing runs.
  const { fileStore, CloudStoreError } = require("@apigw-auth0-rbac/local-providers/cloud/store");
  try {
    fileStore(cloud).read("auth0", () => ({}));
  } catch (err) {
    if (err instanceof CloudStoreError) throw new LocalRunError(`${(err as Error).message}; nothing was changed`);
    throw err;
  }
  const { env } = prepare(LOCAL_DIR, cloud);
  env.LOCAL_AWS_HOSTED_ZONES = localHostedZones(process.env);
  process.stderr.write(
    `npm run local: terraform ${version} with local stand-ins of auth0/auth0 and hashicorp/aws (no AWS or Auth0 API is called).\n` +
      (environment ? `  environment: ${environment}\n` : "") +
      (env.LOCAL_AWS_HOSTED_ZONES ? `  hosted zones of the local account: ${env.LOCAL_AWS_HOSTED_ZONES} (LOCAL_AWS_HOSTED_ZONES)\n` : "") +
      `  state: ${relative(ROOT, localStateDir(environment))}/ (local backend, whatever STATE_BACKEND says; the real terraform.*.tfstate and S3 state are never touched)\n` +
      `  synthesized into: ${relative(ROOT, outdir)}/\n` +
      `  local cloud: ${relative(ROOT, cloud)}/ (what the stand-ins created; \`npm run cloud\` serves it, and a change made there shows as drift)\n\n`,
  );
  // Into a file or a CI log, the CLI's spinner would write a frame a line: its non-interactive mode instead.
  if (!process.stdout.isTTY && env.CI === undefined) env.CI = "1";
  const child = spawn(cdkCli(), args, { cwd: ROOT, env, stdio: "inherit" });
  process.on("SIGINT", () => undefined);
  const code = await new Promise<number>((resolve) => child.on("exit", (c, signal) => resolve(c ?? (signal ? 130 : 1))));
  // terraform notes drift only where it touches the plan: after a diff, all of it, security-relevant first.
  if (args[0] === "diff") {
    const { localDrift, driftText } = require("../review/drift");
    const stacks = args.slice(1).filter((a) => !a.startsWith("-") && ["auth0", "aws"].includes(a));
    process.stdout.write(`\n${driftText(localDrift(localStateDir(environment), cloud, stacks.length ? stacks : ["auth0", "aws"]))}`);
  }
  process.exit(code);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`npm run local: ${err instanceof LocalRunError ? err.message : ((err as Error).stack ?? err)}\n`);
    process.exit(1);
  });
}
