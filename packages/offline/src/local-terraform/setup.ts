// What a local run needs before terraform starts: terraform itself (1.10 or newer), a provider
// mirror holding the stand-ins at the versions the project pins, a CLI configuration naming
// only that mirror, and the environment that keeps every child process inside the project:
// local state (unless the run chose an S3 server on this machine, state.ts), the local cloud,
// no plugin cache or CLI home in $HOME.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { declaredDomains, MINIMUM_TERRAFORM_VERSION, STACKS } from "@apigw-auth0-rbac/model";
import type { Project } from "@apigw-auth0-rbac/model/project";
import { awsQuotaDefaults, type StandinProvider, writeStandinMirror } from "@apigw-auth0-rbac/local-providers";
import { type LocalLayout, LocalRunError } from "./layout";

const MIN_TERRAFORM = MINIMUM_TERRAFORM_VERSION.split(".").map(Number);

/** terraform on the PATH, at least 1.10 (S3-native locking, and what the stacks are tested with); its version. */
export function checkTerraform(cliConfig: string, env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync("terraform", ["version", "-json"], {
    env: { ...env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1" },
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

/** The providers the project's stacks ask for, at the versions its installed bindings pin: auth0 by the constructs, aws by @cdktf/provider-aws. */
function pinnedProviders(project: Project): { provider: StandinProvider; version: string }[] {
  const installed = (name: string): any => {
    try {
      return require(require.resolve(`${name}/package.json`, { paths: [project.root] }));
    } catch {
      return undefined;
    }
  };
  const constructs = installed("@apigw-auth0-rbac/constructs");
  const auth0 = constructs?.["apigw-auth0-rbac"]?.providers?.["auth0/auth0"];
  if (typeof auth0 !== "string") throw new LocalRunError("the project has no @apigw-auth0-rbac/constructs installed: run npm ci");
  // cdktf's bindings or the CDK Terrain fork's, whichever the project declares (resolution alone would also find an
  // enclosing folder's); the fork's packages say "cdktn" where cdktf's say "cdktf".
  const declared = declaredDependencies(project);
  const awsName = ["@cdktn/provider-aws", "@cdktf/provider-aws"].find((name) => declared.has(name)) ?? "@cdktf/provider-aws";
  const awsPackage = installed(awsName);
  const aws = (awsPackage?.cdktf ?? awsPackage?.cdktn)?.provider?.version;
  if (typeof aws !== "string") throw new LocalRunError(`the project has no ${awsName} installed: run npm ci`);
  return [
    { provider: "auth0", version: auth0 },
    { provider: "aws", version: aws },
  ];
}

/** The names in the project's package.json dependencies and devDependencies. */
function declaredDependencies(project: Project): Set<string> {
  try {
    const pkg = JSON.parse(readFileSync(join(project.root, "package.json"), "utf8"));
    return new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
  } catch {
    return new Set();
  }
}

/**
 * LOCAL_AWS_QUOTAS, when set: the account's applied quota values (Service Quotas) where AWS
 * raised them, which the aws stand-in then enforces instead of the defaults.
 */
function checkAppliedQuotas(text: string | undefined): void {
  if (!text) return;
  const defaults = awsQuotaDefaults();
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
    Object.entries(parsed).every(([k, v]) => Object.hasOwn(defaults, k) && Number.isInteger(v) && (v as number) > 0);
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
 * The public hosted zones the local account holds: LOCAL_AWS_HOSTED_ZONES when set, else every
 * zone the model's domains name. A real deploy finds its zone, it does not create it: locally the
 * zone exists because the model says it does, and a zone it does not name is not found.
 */
export function localHostedZones(env: Readonly<Record<string, string | undefined>>, model: unknown): string {
  if (env.LOCAL_AWS_HOSTED_ZONES !== undefined) return env.LOCAL_AWS_HOSTED_ZONES;
  // The model as written, before it is resolved: only its domains are read.
  const declared = (model ?? {}) as Partial<Parameters<typeof declaredDomains>[0]>;
  const zones = declaredDomains({ domain: declared.domain, environments: declared.environments ?? {} }).map((d) => d.domain.hostedZone);
  return [...new Set(zones)].join(",");
}

/**
 * The mirror that serves the stand-ins and the CLI configuration naming it, in `layout`; the
 * environment a local run's children get: local state in `layout`, the local cloud in `cloudDir`.
 */
export function prepare(layout: LocalLayout, cloudDir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  checkAppliedQuotas(env.LOCAL_AWS_QUOTAS);
  try {
    writeStandinMirror(layout.dir, pinnedProviders(layout.project));
  } catch (err) {
    if (err instanceof LocalRunError) throw err;
    throw new LocalRunError(`the providers the project pins have no stand-in: ${(err as Error).message}`);
  }
  mkdirSync(layout.stateRoot, { recursive: true });
  return childEnvironment(layout, cloudDir, env);
}

/** The environment a local run's terraform gets (prepare's, without writing anything): also what reading its state needs. */
export function childEnvironment(layout: LocalLayout, cloudDir: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const child: NodeJS.ProcessEnv = { ...env };
  for (const name of Object.keys(child)) if (name.startsWith("STATE_S3_")) delete child[name];
  delete child.TF_PLUGIN_CACHE_DIR;
  return Object.assign(child, {
    TF_CLI_CONFIG_FILE: layout.cliConfig,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    // Whatever backend is configured: local state in the layout's state folder.
    STATE_BACKEND: "local",
    STATE_LOCAL_DIR: relative(layout.dir, layout.stateRoot),
    // The stand-ins' service APIs keep their objects here (the local cloud).
    LOCAL_CLOUD_DIR: cloudDir,
    AWS_REGION: env.AWS_REGION ?? "us-east-1",
    // The cdktf CLI otherwise points terraform's plugin cache at $HOME/.terraform.d/plugin-cache
    // (cdktf-cli bin/cdktf.ts, CDKTF_DISABLE_PLUGIN_CACHE_ENV), where the stand-ins of whichever
    // project ran last would be shared by every other one.
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1",
    // The CLI keeps its telemetry id in $CDKTF_HOME (default ~/.cdktf): keep it in the project.
    CDKTF_HOME: join(layout.dir, "cdktf-home"),
  });
}

/** The cdktf arguments with the local output folder; an --output of the user's is refused. */
export function cdktfArguments(args: readonly string[], outdir: string, project: Project): string[] {
  if (args.length === 0) throw new LocalRunError("give a cdktf command, e.g. npm run local -- deploy auth0 aws --auto-approve");
  if (args.some((a) => a === "-o" || a === "--output" || a.startsWith("--output="))) {
    throw new LocalRunError(
      `--output is set by npm run local (${relative(project.root, outdir)}), so local runs never share a folder with real ones; leave it out`,
    );
  }
  // terraform would refuse it beside the -reconfigure a local run gives init (state.ts).
  if (args.some((a) => a === "--migrate-state" || a.startsWith("--migrate-state="))) {
    throw new LocalRunError(
      "--migrate-state: a local run keeps its own state (.local/, or S3 on this machine), whatever backend the project names, and has none to migrate; leave it out",
    );
  }
  const command = args[0];
  refuseDiffOfSeveralStacks(args);
  const out = [...args];
  if (["deploy", "diff", "destroy", "synth", "output", "list"].includes(command)) out.push("--output", relative(project.root, outdir));
  // `terraform providers lock` asks the registry for every platform's checksums: the mirror
  // cannot answer, and init has already written the lock file for this platform.
  if (["deploy", "diff", "destroy"].includes(command) && !out.includes("--skip-provider-lock")) out.push("--skip-provider-lock");
  return out;
}

/**
 * `cdktf diff` takes one stack: `diff auth0 aws` diffs auth0 alone and says nothing of aws, so
 * a reader would take aws's silence for "no changes". Refused, with the two commands to run.
 */
function refuseDiffOfSeveralStacks(args: readonly string[]): void {
  if (args[0] !== "diff") return;
  const stacks = args.slice(1).filter((a) => (STACKS as readonly string[]).includes(a));
  if (stacks.length < 2) return;
  throw new LocalRunError(
    `cdktf diff takes one stack, so "diff ${stacks.join(" ")}" would diff ${stacks[0]} only: run ${stacks.map((s) => `npm run local -- diff ${s}`).join(", then ")}`,
  );
}

/** The project's CLI: cdktf's, or CDK Terrain's after the move (same commands and flags). */
export function cdkCli(project: Project): string {
  const cli = ["cdktf", "cdktn"].map((name) => join(project.root, "node_modules", ".bin", name)).find((path) => existsSync(path));
  if (!cli) throw new LocalRunError("neither cdktf-cli nor cdktn-cli is installed in the project: run npm ci");
  return cli;
}
