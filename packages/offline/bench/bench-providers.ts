// `npm run bench:providers`: how long each local provider takes from its start to the
// go-plugin handshake line (terraform starts each two or three times per command), beside
// a bare `node -e ""` as the floor, medians of 9 starts.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PINNED, writeStandinMirror } from "@apigw-auth0-rbac/local-providers";
import { readCommand } from "../src/commands/cli";

readCommand({
  name: "npm run bench:providers",
  usage: "",
  summary: "How long each local provider stand-in takes from its start to the go-plugin handshake, beside a bare node start (medians of 9).",
  flags: {},
});

const RUNS = 9;
const COOKIE = { TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2", PLUGIN_PROTOCOL_VERSIONS: "5,6" };

function clientCertificate(): string {
  // Any PEM certificate will do for start-up: terraform's is checked only on connection.
  return execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "/dev/null",
      "-subj",
      "/CN=terraform",
      "-days",
      "1",
    ],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
}

async function startOnce(command: string, args: string[], env: NodeJS.ProcessEnv, untilOutput: boolean): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "ignore"] });
  await new Promise<void>((resolve) => (untilOutput ? child.stdout.once("data", () => resolve()) : child.on("exit", () => resolve())));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  child.kill("SIGKILL");
  return ms;
}

async function median(run: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await run());
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

async function main(): Promise<void> {
  const { mirror: root } = writeStandinMirror(mkdtempSync(join(tmpdir(), "bench-providers-")), [
    { provider: "auth0", version: PINNED.auth0 },
    { provider: "aws", version: PINNED.aws },
  ]);
  const mirror = join(root, "registry.terraform.io");
  const cert = clientCertificate();
  const env = { ...process.env, ...COOKIE, PLUGIN_CLIENT_CERT: cert };
  const floor = await median(() => startOnce(process.execPath, ["-e", ""], process.env, false));
  console.log(`node -e "" (the floor)        ${floor.toFixed(0).padStart(5)} ms`);
  for (const [name, path] of [
    ["auth0/auth0", "auth0/auth0"],
    ["hashicorp/aws", "hashicorp/aws"],
  ]) {
    const dir = join(mirror, path);
    const version = require("node:fs").readdirSync(dir)[0];
    const platform = require("node:fs").readdirSync(join(dir, version))[0];
    const exe = join(dir, version, platform, `terraform-provider-${path.split("/")[1]}_v${version}`);
    const ms = await median(() => startOnce(exe, [], env, true));
    console.log(
      `${`${name} ${version}`.padEnd(30)} ${ms.toFixed(0).padStart(5)} ms to the handshake (${(ms / floor).toFixed(1)}× the floor; budget 300 ms)`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
