// Every command of the toolkit answers --help with its usage line and its flags, exit 0 and
// nothing on stderr, run as a project runs it (its bin, in a project the scaffold wrote).
import { execFile } from "node:child_process";
import { cpus } from "node:os";
import { join } from "node:path";
import { COMMANDS } from "../../src/commands/main";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../fixtures/unicorn-model";
import { projectCopy } from "../helpers/project-copy";

const BIN = join(__dirname, "..", "..", "bin", "apigw-offline.js");
const project = projectCopy({ model: unicornModel, lambdaSrc: UNICORN_LAMBDA_SRC, prefix: "command-help-" });
afterAll(() => project.dispose());

interface Answer {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Answer> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: project.dir, encoding: "utf8", timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

// The commands start a few at a time (each is a node process loading its modules), so the
// suite takes about a CPU's share of them instead of their sum.
const answers = new Map<string, Answer>();
beforeAll(async () => {
  const queue = Object.keys(COMMANDS);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) answers.set(next, await run([next, "--help"]));
  };
  await Promise.all(Array.from({ length: Math.max(2, cpus().length) }, worker));
}, 120_000);

it("covers the commands a project runs", () => {
  expect(Object.keys(COMMANDS)).toEqual(expect.arrayContaining(["start", "token", "access", "review", "synth", "local", "cloud", "adopt", "init"]));
});

it.each(Object.keys(COMMANDS))("apigw-offline %s --help prints its usage and flags", (name) => {
  const result = answers.get(name)!;
  expect([result.status, result.stderr]).toEqual([0, ""]);
  const shown = COMMANDS[name]().name;
  expect(result.stdout).toMatch(new RegExp(`^usage: ${shown.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  expect(result.stdout).toMatch(/^flags:$|--help/m);
});

it("lists every command with --help, and refuses one it does not know with the list (exit 2)", async () => {
  const list = await run(["--help"]);
  expect(list.status).toBe(0);
  for (const name of Object.keys(COMMANDS)) expect(list.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
  const unknown = await run(["deploy"]);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('no command "deploy"');
  // Two processes of the CLI: on a loaded two-core machine each may take seconds to start.
}, 60_000);
