// Where both stacks keep their Terraform state, read from the environment or cdktf.json
// context. Plain data: the backend constructs that apply them are in @apigw-auth0-rbac/constructs.
import { posix } from "node:path";
import { z } from "zod";
import { ProblemsError, STATE_PROBLEMS } from "../problems";

export type StateConfig =
  | {
      readonly backend: "local";
      /** Folder for `<stack>.tfstate`, relative to the project root. */
      readonly dir: string;
      /** The deployment environment: its state lives in a folder of that name. */
      readonly environment?: string;
      /**
       * `npm run local`'s state server (LOCAL_STATE_SERVER, on this machine only), which keeps
       * these same files: terraform reaches them through its http backend instead.
       */
      readonly server?: string;
    }
  | {
      readonly backend: "s3";
      readonly bucket: string;
      /** Prepended to `<stack>.tfstate`, e.g. "apigw-auth0-rbac/". */
      readonly keyPrefix: string;
      readonly region: string;
      readonly encrypt: boolean;
      /** S3-native state locking (Terraform ≥ 1.10), so no DynamoDB table is needed. */
      readonly useLockfile: boolean;
      /** An S3-compatible server instead of AWS's: scheme, host and port only, e.g. `http://127.0.0.1:4566`. */
      readonly endpoint?: string;
      /** `<endpoint>/<bucket>/<key>` rather than `<bucket>.<endpoint>/<key>`: on by default with an endpoint. */
      readonly usePathStyle: boolean;
      /** No STS GetCallerIdentity before the first request: on by default with an endpoint (none answers STS). */
      readonly skipCredentialsValidation: boolean;
      /** No IAM/STS lookup of the account ID: on by default with an endpoint. */
      readonly skipRequestingAccountId: boolean;
      /** No credentials from the EC2 instance-metadata address: on by default with an endpoint. */
      readonly skipMetadataApiCheck: boolean;
      /** The deployment environment: its state keys carry its name. */
      readonly environment?: string;
    };

/** Settings by environment variable, each with its cdktf.json `context` key. */
const SETTINGS = {
  backend: { env: "STATE_BACKEND", context: "stateBackend" },
  dir: { env: "STATE_LOCAL_DIR", context: "stateLocalDir" },
  bucket: { env: "STATE_S3_BUCKET", context: "stateS3Bucket" },
  keyPrefix: { env: "STATE_S3_KEY_PREFIX", context: "stateS3KeyPrefix" },
  region: { env: "STATE_S3_REGION", context: "stateS3Region" },
  encrypt: { env: "STATE_S3_ENCRYPT", context: "stateS3Encrypt" },
  useLockfile: { env: "STATE_S3_USE_LOCKFILE", context: "stateS3UseLockfile" },
  endpoint: { env: "STATE_S3_ENDPOINT", context: "stateS3Endpoint" },
  usePathStyle: { env: "STATE_S3_USE_PATH_STYLE", context: "stateS3UsePathStyle" },
  skipCredentialsValidation: { env: "STATE_S3_SKIP_CREDENTIALS_VALIDATION", context: "stateS3SkipCredentialsValidation" },
  skipRequestingAccountId: { env: "STATE_S3_SKIP_REQUESTING_ACCOUNT_ID", context: "stateS3SkipRequestingAccountId" },
  skipMetadataApiCheck: { env: "STATE_S3_SKIP_METADATA_API_CHECK", context: "stateS3SkipMetadataApiCheck" },
} as const;

/**
 * Set by `npm run local` alone, to its state server's address (`http://127.0.0.1:<port>`): the
 * local state files are then read and written through terraform's http backend. terraform's
 * local backend rewrites the whole state file after every resource it applies, which made a
 * 300-route local deploy spend most of its time writing state; the http backend, like the S3
 * backend, persists on an interval and at the end of each command (docs/LOCAL-TERRAFORM.md).
 */
export const LOCAL_STATE_SERVER = "APIGW_LOCAL_STATE_SERVER";

/** Every environment variable the state settings are read from: a change of one is a change of the synth. */
export const STATE_VARIABLES: readonly string[] = [...Object.values(SETTINGS).map((s) => s.env), LOCAL_STATE_SERVER];

/** 127.0.0.0/8, ::1 and localhost: an address that never leaves this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const ENDPOINT_EXAMPLE = "e.g. https://s3.example.com, or http://127.0.0.1:4566 on this machine";

/**
 * The endpoint as terraform is given it (scheme, host and port), or the reason it cannot be one.
 * Credentials in it would be written into the synthesized JSON; plain http to another machine
 * would carry the state, and every secret in it, unencrypted.
 */
function checkedEndpoint(value: string): { endpoint: string } | { problem: string } {
  const shown = JSON.stringify(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `${shown} is not a URL; give the S3 server's address, ${ENDPOINT_EXAMPLE}` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { problem: `${shown} is not an http:// or https:// URL; ${ENDPOINT_EXAMPLE}` };
  // Said without them: the message reaches terminals and CI logs.
  if (url.username || url.password)
    return {
      problem: `"${url.protocol}//…@${url.host}" holds credentials, which would be written into the synthesized JSON; remove them and set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead`,
    };
  if (url.pathname !== "/" || url.search || url.hash)
    return {
      problem: `${shown} has a path, query or fragment; give the server only (scheme, host, port), e.g. ${url.protocol}//${url.host}, and the bucket as STATE_S3_BUCKET`,
    };
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname))
    return {
      problem: `${shown} is plain http to another machine, which would carry the state and every secret in it unencrypted; use https://${url.host}, or a loopback address (127.0.0.1, ::1, localhost)`,
    };
  return { endpoint: `${url.protocol}//${url.host}` };
}

const flag = z
  .union([z.boolean(), z.enum(["true", "false"])], {
    error: (issue) => `${JSON.stringify(issue.input)} is not a flag; write true or false`,
  })
  .transform((v) => v === true || v === "true");

const schema = z.discriminatedUnion("backend", [
  z.object({
    backend: z.literal("local"),
    dir: z
      .string()
      .refine((d) => !d.startsWith("/") && !/^[a-zA-Z]:/.test(d), {
        error: (issue) => `${JSON.stringify(issue.input)} must be relative to the project root, so no machine path ends up in the synthesized JSON`,
      })
      .default("."),
  }),
  z.object({
    backend: z.literal("s3"),
    bucket: z.string({ error: "is required for the s3 backend; name the bucket that holds the state" }).min(3, {
      error: (issue) => `${JSON.stringify(issue.input)} is not a bucket name`,
    }),
    keyPrefix: z.string().default("apigw-auth0-rbac/"),
    region: z.string({ error: "is required for the s3 backend; give the bucket's region, e.g. eu-west-1" }).regex(/^[a-z]{2}(-[a-z]+)+-\d$/, {
      error: (issue) => `${JSON.stringify(issue.input)} is not an AWS region; write it like eu-west-1`,
    }),
    encrypt: flag.default(true),
    useLockfile: flag.default(true),
    endpoint: z
      .string({ error: `is not text; ${ENDPOINT_EXAMPLE}` })
      .transform((value, ctx) => {
        const checked = checkedEndpoint(value);
        if ("endpoint" in checked) return checked.endpoint;
        ctx.issues.push({ code: "custom", message: checked.problem, input: value });
        return z.NEVER;
      })
      .optional(),
    usePathStyle: flag.optional(),
    skipCredentialsValidation: flag.optional(),
    skipRequestingAccountId: flag.optional(),
    skipMetadataApiCheck: flag.optional(),
  }),
]);

/**
 * Reads the backend settings: environment first, then cdktf.json context, then defaults
 * (local state in the project root, `terraform.<stack>.tfstate`).
 */
export function readStateConfig(env: Readonly<Record<string, string | undefined>>, context: (key: string) => unknown = () => undefined): StateConfig {
  const raw: Record<string, unknown> = {};
  for (const [key, { env: envName, context: contextKey }] of Object.entries(SETTINGS)) {
    const value = env[envName] !== undefined && env[envName] !== "" ? env[envName] : context(contextKey);
    if (value !== undefined) raw[key] = value;
  }
  raw.backend ??= "local";
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ProblemsError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? "backend") as keyof typeof SETTINGS;
        const setting = SETTINGS[key] ?? SETTINGS.backend;
        const message =
          key === "backend" || issue.path.length === 0 ? `${JSON.stringify(raw.backend)} is not a state backend; use "local" or "s3"` : issue.message;
        return `${setting.env} (or cdktf.json context "${setting.context}"): ${message}`;
      }),
      STATE_PROBLEMS,
    );
  }
  const state = parsed.data;
  if (state.backend === "local") {
    const server = env[LOCAL_STATE_SERVER];
    return server ? { ...state, server: stateServer(server) } : state;
  }
  // What an S3-compatible server needs: each on by default once an endpoint is given, each can be turned off.
  const withEndpoint = state.endpoint !== undefined;
  return {
    ...state,
    usePathStyle: state.usePathStyle ?? withEndpoint,
    skipCredentialsValidation: state.skipCredentialsValidation ?? withEndpoint,
    skipRequestingAccountId: state.skipRequestingAccountId ?? withEndpoint,
    skipMetadataApiCheck: state.skipMetadataApiCheck ?? withEndpoint,
  };
}

/** The state server's address as the http backend is given it: plain http on a loopback address, nothing after the port. */
function stateServer(value: string): string {
  // The S3 endpoint's checks (a URL, nothing after the port, no credentials, plain http on loopback only), and plain http.
  const checked = checkedEndpoint(value);
  if (!("endpoint" in checked) || !checked.endpoint.startsWith("http://")) {
    throw new ProblemsError(
      [
        `${LOCAL_STATE_SERVER}: ${JSON.stringify(value)} is not a state server on this machine; it is set by npm run local alone (http://127.0.0.1:<port>): unset it`,
      ],
      STATE_PROBLEMS,
    );
  }
  return checked.endpoint;
}

/** The address of a local stack's state on `npm run local`'s state server: the file's path under the state folder. */
export function localStateAddress(config: Extract<StateConfig, { backend: "local" }> & { readonly server: string }, stackName: string): string {
  return `${config.server}/${localStateFile(stackName, config.environment)}`;
}

/** The S3 key of one stack's state: `<prefix>[<environment>/]<stack>.tfstate`. */
export function s3StateKey(config: Extract<StateConfig, { backend: "s3" }>, stackName: string): string {
  return `${config.keyPrefix}${config.environment ? `${config.environment}/` : ""}${stackName}.tfstate`;
}

/** The file name of a stack's local state, under the state folder: `[<environment>/]terraform.<stack>.tfstate`. */
export function localStateFile(stackName: string, environment?: string): string {
  return posix.join(...(environment ? [environment] : []), `terraform.${stackName}.tfstate`);
}

/**
 * A local stack's state file as Terraform sees it. Terraform runs in
 * cdktf.out/stacks/<stack>/, so the path climbs three levels back to the project root;
 * the name is cdktf's own default, so existing state is picked up.
 */
export function localStatePath(config: Extract<StateConfig, { backend: "local" }>, stackName: string): string {
  return posix.join("../../..", config.dir, localStateFile(stackName, config.environment));
}
