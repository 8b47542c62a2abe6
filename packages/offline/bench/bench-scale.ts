// `npm run bench:scale`: how a project's commands grow with the model, in projects the scaffold
// writes, holding generated models of 2, 100 and 300 routes (AWS's default quota): one
// permission a route, 20 roles sharing them, 30 handlers. Measured per size: the synth,
// the your-model tests, `npm run access`, and `npm run local -- deploy` (optionally the
// whole `npm test`). Each project is a git repository with the generated model committed, as
// a user's checkout would be. Times are wall clock on this machine; compare sizes within one run.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { readCommand } from "../src/commands/cli";
import { projectCopy } from "../test/helpers/project-copy";

/** A model of `routes` routes, each with a permission of its own; up to 20 roles share them round robin. */
export function scaleModel(routes: number) {
  const permissions = Array.from({ length: routes }, (_, i) => ({ name: `items:${i}`, description: `Item ${i}` }));
  const roles = Math.min(20, routes);
  return {
    tenant: { domain: "scale.eu.auth0.com" },
    api: { name: "Scale API", identifier: "https://scale.example.test" },
    permissions,
    routes: permissions.map((p, i) => ({ method: "GET" as const, path: `/items/${i}/{id}`, handler: `handler-${i % 30}`, scopes: [p.name] })),
    roles: Array.from({ length: roles }, (_, r) => ({
      name: `role-${r}`,
      permissions: permissions.filter((_, i) => i % roles === r).map((p) => p.name),
    })),
    clients: [{ name: "scale-sync", description: "Reads every item", permissions: permissions.map((p) => p.name) }],
    spa: { name: "Scale SPA", callbackUrls: ["http://localhost:3000"], logoutUrls: ["http://localhost:3000"], webOrigins: ["http://localhost:3000"] },
    users: [],
  };
}

/** A scaffolded project holding the model of `routes` routes and its handlers, committed. */
export function copyWith(routes: number): string {
  const model = scaleModel(routes);
  const handlers = mkdtempSync(join(tmpdir(), `bench-scale-handlers-`));
  for (const handler of new Set(model.routes.map((r) => r.handler))) {
    writeFileSync(
      join(handlers, `${handler}.ts`),
      "export const handler = async (event: { pathParameters?: Record<string, string> }) => ({ statusCode: 200, body: JSON.stringify(event.pathParameters ?? {}) });\n",
    );
  }
  const { dir } = projectCopy({ model, lambdaSrc: handlers, prefix: `bench-scale-${routes}-` });
  rmSync(handlers, { recursive: true, force: true });
  writeFileSync(join(dir, ".gitignore"), `${readFileSync(join(dir, ".gitignore"), "utf8")}node_modules\n`);
  execFileSync("git", ["init", "--quiet", "-b", "main"], { cwd: dir });
  commitAll(dir, `a model of ${routes} routes`);
  return dir;
}

function commitAll(dir: string, message: string): void {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore", env: { ...process.env, ...GIT_IDENTITY } });
  git("add", "-A");
  git("commit", "--quiet", "--allow-empty", "-m", message);
}

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: "bench",
  GIT_AUTHOR_EMAIL: "bench@example.test",
  GIT_COMMITTER_NAME: "bench",
  GIT_COMMITTER_EMAIL: "bench@example.test",
};

function timed(label: string, dir: string, command: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command[0], command.slice(1), {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", ...env },
    timeout: 1_800_000,
    // A 300-route deploy prints more than spawnSync's default 1 MB, which would end it with SIGTERM.
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    // terraform prints its errors among thousands of progress lines: the error blocks first.
    const output = stripVTControlCharacters(`${result.stdout}\n${result.stderr}`);
    const errors = output.split("\n").flatMap((line, i, lines) => (/\bError\b/.test(line) ? [lines.slice(i, i + 8).join("\n")] : []));
    throw new Error(
      `${label} failed (exit ${result.status}${result.signal ? `, ${result.signal}` : ""}) in ${dir}:\n${errors.slice(0, 5).join("\n…\n") || output.slice(-3000)}`,
    );
  }
  return seconds;
}

function main(): void {
  const { flags } = readCommand({
    name: "npm run bench:scale",
    usage: "[-- --sizes 2,100,300] [--full-test] [--no-deploy]",
    summary: "Synth, your-model tests, access and deploy at growing model sizes, in scaffolded projects.",
    flags: {
      sizes: { type: "string", value: "LIST", default: "2,100,300", description: "route counts to measure" },
      "full-test": { type: "boolean", default: false, description: "also the whole npm test (jest) of each copy" },
      "no-deploy": { type: "boolean", default: false, description: "leave out npm run local -- deploy" },
    },
  });
  const node = process.execPath;
  const rows: string[][] = [];
  for (const routes of flags.sizes.split(",").map(Number)) {
    const dir = copyWith(routes);
    try {
      const offline = [node, join(dir, "node_modules", ".bin", "apigw-offline")];
      const synth = timed("synth", dir, [node, "node_modules/@apigw-auth0-rbac/constructs/runner/app.js", "main.ts"], {
        CDKTF_OUTDIR: join(dir, "cdktf.out"),
      });
      // Writes ACCESS.md and the snapshot first (-u), then the run that is measured.
      timed("your-model -u", dir, [node, join(dir, "node_modules", ".bin", "jest"), "__tests__/your-model.test.ts", "--ci=false", "-u"]);
      const yourModel = timed("your-model", dir, [node, join(dir, "node_modules", ".bin", "jest"), "__tests__/your-model.test.ts", "--ci=false"]);
      const access = timed("access", dir, [...offline, "access"]);
      // After -u wrote ACCESS.md and the snapshot, committed as the user would.
      commitAll(dir, "access and snapshot");
      const fullTest = flags["full-test"] ? timed("npm test", dir, [node, join(dir, "node_modules", ".bin", "jest"), "--ci=false"]) : undefined;
      const deploy = flags["no-deploy"] ? undefined : timed("deploy", dir, [...offline, "local", "deploy", "auth0", "aws", "--auto-approve"]);
      const accessBytes = readFileSync(join(dir, "ACCESS.md")).length;
      const s = (v?: number) => (v === undefined ? "–" : `${v.toFixed(1)} s`);
      rows.push([String(routes), s(synth), s(yourModel), s(fullTest), s(access), s(deploy), `${(accessBytes / 1024).toFixed(1)} KB`]);
      console.error(`bench:scale: ${routes} routes done`);
      rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      // The copy stays for a look at what failed; its path is in the message.
      console.error(`bench:scale: ${routes} routes: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
  console.log("| routes | synth | your-model tests | npm test (jest) | npm run access | npm run local -- deploy | ACCESS.md |");
  console.log("|---|---|---|---|---|---|---|");
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}

if (require.main === module) main();
