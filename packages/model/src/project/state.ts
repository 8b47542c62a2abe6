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
} as const;

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
  return parsed.data;
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
