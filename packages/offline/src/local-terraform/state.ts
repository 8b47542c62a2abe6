// Where a local run keeps both stacks' state. By default its own files in the layout, whatever
// backend the project names: real state is never read or written. terraform reaches those files
// through the run's state server (state-server.ts) and its http backend. When the state settings (the
// variables or cdktf.json's context, read as the app reads them) name an S3 server on this
// machine (STATE_BACKEND=s3 and a loopback STATE_S3_ENDPOINT: npm run cloud, or any S3 server
// run here), the state is kept there instead, in a working folder of that backend's own: a folder
// first used with another backend would stop terraform with "Backend configuration changed".
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ProblemsError } from "@apigw-auth0-rbac/model";
import { isLoopbackHost, type Project, readStateConfig, s3StateKey, STATE_VARIABLES, type StateConfig } from "@apigw-auth0-rbac/model/project";
import { type LocalLayout, LocalRunError } from "./layout";
import { type Credentials, StateBucket } from "./state-bucket";
import { type StartingStateServer, startStateServer } from "./state-server";

type S3State = Extract<StateConfig, { backend: "s3" }> & { readonly endpoint: string };

export interface LocalState {
  /** The banner's line about the state. */
  readonly banner: string;
  /** The variables the app and terraform get for this state (undefined: removed). */
  readonly variables: Readonly<Record<string, string | undefined>>;
  /** Where `stack`'s state is, as the user reads it. */
  shown(stack: string): string;
  /** The stack's state as text, or undefined when it has none yet. */
  read(stack: string): Promise<string | undefined>;
  close(): void;
}

/** What a run will do with its state, checked before anything is written; `open` makes the bucket when it is S3's. */
export interface LocalStatePlan {
  readonly outdir: string;
  /** The variables the app and terraform get for this state (undefined: removed); a reader of the state needs them too. */
  readonly variables: Readonly<Record<string, string | undefined>>;
  /** Starts what `open` will need that takes a while (the local state server's thread), writing nothing. */
  begin(): void;
  open(): Promise<LocalState>;
}

/** The state of a run of `environment` in `layout`: its settings checked, nothing written yet. */
export function planLocalState(
  project: Project,
  layout: LocalLayout,
  environment: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): LocalStatePlan {
  const s3 = loopbackS3(project, env);
  if (!s3) {
    let server: StartingStateServer | undefined;
    const start = () => (server ??= startStateServer(layout.dir, layout.stateRoot));
    return {
      outdir: layout.outdir(environment),
      variables: localVariables(layout),
      begin: () => void start(),
      open: async () => localState(layout, environment, env, start()),
    };
  }
  const config = { ...s3, environment };
  const keys = credentialsFor(layout, environment, env);
  return {
    outdir: layout.outdir(environment, `s3-${backendHash(config)}`),
    variables: s3Variables(config, keys),
    begin: () => undefined,
    open: () => s3State(config, keys),
  };
}

const localVariables = (layout: LocalLayout) => ({ STATE_BACKEND: "local", STATE_LOCAL_DIR: relative(layout.dir, layout.stateRoot) });

function localState(
  layout: LocalLayout,
  environment: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  server: StartingStateServer,
): LocalState {
  const file = (stack: string) => join(layout.stateDir(environment), `terraform.${stack}.tfstate`);
  return {
    banner: `${layout.shown(layout.stateDir(environment))}/ (this run's files through terraform's http backend, whatever STATE_BACKEND says; the real terraform.*.tfstate and S3 state are never touched)`,
    get variables() {
      return {
        ...localVariables(layout),
        ...server.ready().variables,
        // The server's address is in each stack's backend configuration: a new port (the last one
        // was taken) or a folder first initialised with the local backend is initialised anew,
        // where terraform would otherwise stop with "Backend configuration changed". The state
        // itself stays where it was: the server keeps the same files.
        TF_CLI_ARGS_init: `${env.TF_CLI_ARGS_init ?? ""} -reconfigure`.trim(),
      };
    },
    shown: (stack) => layout.shown(file(stack)),
    read: async (stack) => (existsSync(file(stack)) ? readFileSync(file(stack), "utf8") : undefined),
    close: () => server.close(),
  };
}

/**
 * The S3 settings when they name a server with an endpoint; refused in one line when that
 * server is not on this machine. Without an endpoint they name AWS's own S3: a local run then
 * keeps its own files, as it always has.
 */
function loopbackS3(project: Project, env: Readonly<Record<string, string | undefined>>): S3State | undefined {
  let config: StateConfig;
  try {
    config = readStateConfig(env, (key) => project.context[key]);
  } catch (err) {
    if (!(err instanceof ProblemsError)) throw err;
    // Settings for a real deploy that are incomplete do not stop a local run; ones for a local server do.
    const endpoint = env.STATE_S3_ENDPOINT || project.context.stateS3Endpoint;
    if ((env.STATE_BACKEND || project.context.stateBackend) !== "s3" || endpoint === undefined) return undefined;
    throw new LocalRunError(`the state settings for S3 at ${String(endpoint)}: ${err.problems.join("; ")}; nothing was changed`);
  }
  if (config.backend !== "s3" || config.endpoint === undefined) return undefined;
  if (!isLoopbackHost(new URL(config.endpoint).hostname)) {
    throw new LocalRunError(
      `STATE_S3_ENDPOINT=${config.endpoint} is not on this machine: npm run local keeps state only on a loopback S3 server (npm run cloud's, e.g. http://127.0.0.1:4566), never a real one; set STATE_BACKEND=local to keep it in .local/; nothing was changed`,
    );
  }
  return { ...config, endpoint: config.endpoint };
}

async function s3State(config: S3State, keys: Keys): Promise<LocalState> {
  const { credentials, from } = keys;
  const bucket = new StateBucket(config, credentials);
  let made: "found" | "created";
  try {
    made = await bucket.ensure();
  } catch (err) {
    bucket.close();
    throw err;
  }
  const key = (stack: string) => s3StateKey(config, stack);
  return {
    banner:
      `S3 bucket ${config.bucket} (${made === "created" ? "created now" : "found"}) at ${config.endpoint}, keys ${key("auth0")} and ${key("aws")}, locked with ${config.useLockfile ? "a lock file" : "no lock"} ` +
      `(STATE_BACKEND=s3; a server on this machine only, never a real bucket; credentials: ${from})`,
    variables: s3Variables(config, keys),
    shown: (stack) => `s3://${config.bucket}/${key(stack)}`,
    read: (stack) => bucket.read(key(stack)),
    close: () => bucket.close(),
  };
}

function s3Variables(config: S3State, { credentials, from }: Keys): Record<string, string | undefined> {
  return {
    ...Object.fromEntries(STATE_VARIABLES.map((name) => [name, undefined])),
    ...stateVariables(config),
    ...(credentials ? { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey } : {}),
    // The local cloud's key is a long-term one: a session token of the user's would not belong to it.
    ...(from === "environment" || !credentials ? {} : { AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined }),
  };
}

/** The settings as the app reads them, so what it writes is what this run says. */
function stateVariables(config: S3State): Record<string, string> {
  return {
    STATE_BACKEND: "s3",
    STATE_S3_BUCKET: config.bucket,
    STATE_S3_REGION: config.region,
    STATE_S3_KEY_PREFIX: config.keyPrefix,
    STATE_S3_ENCRYPT: String(config.encrypt),
    STATE_S3_USE_LOCKFILE: String(config.useLockfile),
    STATE_S3_ENDPOINT: config.endpoint,
    STATE_S3_USE_PATH_STYLE: String(config.usePathStyle),
    STATE_S3_SKIP_CREDENTIALS_VALIDATION: String(config.skipCredentialsValidation),
    STATE_S3_SKIP_REQUESTING_ACCOUNT_ID: String(config.skipRequestingAccountId),
    STATE_S3_SKIP_METADATA_API_CHECK: String(config.skipMetadataApiCheck),
  };
}

/** Names the working folder: another backend (another server, bucket, prefix or flag) gets another folder. */
function backendHash(config: S3State): string {
  return createHash("sha256")
    .update(JSON.stringify(stateVariables(config)))
    .digest("hex")
    .slice(0, 8);
}

/**
 * The keys terraform and this run sign with: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY when
 * set, else the local cloud's own (what npm run cloud prints, kept in its folder), else the
 * SDK's and terraform's default chain.
 */
interface Keys {
  readonly credentials?: Credentials;
  /** Where they came from, for the banner. */
  readonly from: string;
}

function credentialsFor(layout: LocalLayout, environment: string | undefined, env: Readonly<Record<string, string | undefined>>): Keys {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)
    return { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }, from: "environment" };
  const file = join(layout.cloudDir(environment), "access.json");
  try {
    const { accessKeyId, secretAccessKey } = JSON.parse(readFileSync(file, "utf8")).aws;
    if (typeof accessKeyId === "string" && typeof secretAccessKey === "string")
      return { credentials: { accessKeyId, secretAccessKey }, from: `the local cloud's, ${layout.shown(file)}` };
  } catch {
    // None yet: npm run cloud makes them on its first start.
  }
  return { from: "AWS's default chain (a profile)" };
}
