// `npm run cloud` as a project runs it (the toolkit's bin, in a fixture project): the local
// cloud's folder is its user's alone, whatever an older run left there; a setting it cannot use
// is said in one line, as npm run local says it.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CLOUD_FORMAT } from "@apigw-auth0-rbac/local-providers/cloud";
import { unicornModel, UNICORN_LAMBDA_SRC } from "../fixtures/unicorn-model";
import { projectCopy } from "../helpers/project-copy";

const BIN = join(__dirname, "..", "..", "bin", "apigw-offline.js");
const project = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "cloud-command-" });
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  project.dispose();
});

/** `npm run cloud` in the project, once it has printed its variables. */
function startCloud(env: Record<string, string>): Promise<{ variables: Record<string, string>; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BIN, "cloud"], {
    cwd: project.dir,
    env: { ...process.env, CLOUD_AWS_PORT: "0", CLOUD_AUTH0_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      if (!stdout.includes("NODE_EXTRA_CA_CERTS=")) return;
      const variables = Object.fromEntries(
        stdout
          .trim()
          .split("\n")
          .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
      );
      const stop = () => {
        child.kill("SIGTERM");
        return exited;
      };
      resolve({ variables, stop });
    });
    child.on("exit", (code) => reject(new Error(`npm run cloud exited (${code}): ${stderr}`)));
  });
}

/** Every folder and file under `dir`, with its permission bits. */
function modesUnder(dir: string): [string, string][] {
  const rows: [string, string][] = [[".", (statSync(dir).mode & 0o777).toString(8)]];
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) rows.push([entry, (statSync(join(dir, entry)).mode & 0o777).toString(8)]);
  return rows.sort();
}

it("keeps the local cloud's folder to its user: folders 700, files 600 (the store, the code, the credentials, the certificate, cloud.env), also those an older run left open", async () => {
  const local = ".local/terraform-modes";
  const dir = join(project.dir, local, "cloud");
  // What a run before this one left: the folder, the store, a blob and cloud.env readable by everyone.
  mkdirSync(join(dir, "blobs"), { recursive: true });
  writeFileSync(join(dir, "cloud.json"), JSON.stringify({ format: CLOUD_FORMAT, version: 1, services: {} }));
  writeFileSync(join(dir, "cloud.env"), "AWS_ENDPOINT_URL=old\n");
  for (const [path, mode] of [
    [".", 0o755],
    ["blobs", 0o755],
    ["cloud.json", 0o644],
    ["cloud.env", 0o644],
  ] as const)
    chmodSync(join(dir, path), mode);

  const cloud = await startCloud({ LOCAL_TERRAFORM_DIR: local });
  try {
    const v = cloud.variables;
    const lambda = new LambdaClient({
      endpoint: v.AWS_ENDPOINT_URL,
      region: "us-east-1",
      credentials: { accessKeyId: v.AWS_ACCESS_KEY_ID, secretAccessKey: v.AWS_SECRET_ACCESS_KEY },
    });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "f",
        Runtime: "nodejs20.x",
        Role: "arn:aws:iam::123456789012:role/r",
        Handler: "index.handler",
        Code: { ZipFile: Buffer.from("code") },
      }),
    );
  } finally {
    await cloud.stop();
  }
  const modes = modesUnder(dir);
  expect(modes.map(([path]) => path)).toEqual(
    expect.arrayContaining([".", "access.json", "blobs", "cloud.env", "cloud.json", "tls", join("tls", "cert.pem"), join("tls", "key.pem")]),
  );
  expect(modes.filter(([, mode]) => mode !== "600" && mode !== "700")).toEqual([]);
  expect(modes.filter(([path, mode]) => (mode === "700") !== statSync(join(dir, path)).isDirectory())).toEqual([]);
}, 60_000);

it.each([
  ["cloud", []],
  ["adopt", ["--identifier", "https://unicorns.example.com", "--api-id", "abc123", "--local"]],
])(
  "npm run %s refuses LOCAL_TERRAFORM_DIR outside the local folder in one line, without a stack",
  (command, args) => {
    const result = spawnSync(process.execPath, [BIN, command, ...args], {
      cwd: project.dir,
      env: { ...process.env, LOCAL_TERRAFORM_DIR: "elsewhere", CLOUD_AWS_PORT: "0", CLOUD_AUTH0_PORT: "0" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect([result.status, result.stdout]).toEqual([1, ""]);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      `npm run ${command}: LOCAL_TERRAFORM_DIR=elsewhere is not a folder directly inside .local/: give a folder directly inside .local/ (e.g. .local/terraform-test); nothing was changed`,
    ]);
  },
  30_000,
);
