// Every project command in package.json answers --help with its usage line and its flags,
// exit 0 and nothing on stderr.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const scripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts;
/** The commands that run a script of ours (hooks and the test runners have their own). */
const COMMANDS = Object.entries(scripts).filter(
  ([name, command]) => /^node .*scripts\//.test(command) && !["postinstall", "pretest", "pretypecheck"].includes(name),
);

interface Answer {
  status: number | null;
  stdout: string;
  stderr: string;
}

function help(command: string): Promise<Answer> {
  const [node, ...args] = command.split(" ");
  return new Promise((resolve) => {
    execFile(
      node === "node" ? process.execPath : node,
      [...args, "--help"],
      { cwd: ROOT, encoding: "utf8", timeout: 30_000 },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

// The commands start a few at a time (each is a node process compiling its imports), so the
// suite takes about a CPU's share of them instead of their sum.
const answers = new Map<string, Answer>();
beforeAll(async () => {
  const queue = [...COMMANDS];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) answers.set(next[0], await help(next[1]));
  };
  await Promise.all(Array.from({ length: Math.max(2, cpus().length) }, worker));
}, 120_000);

it("covers the project's commands", () => {
  expect(COMMANDS.map(([name]) => name)).toEqual(expect.arrayContaining(["start", "token", "access", "review", "synth", "local"]));
});

it.each(COMMANDS)("npm run %s -- --help prints its usage and flags", (name) => {
  const result = answers.get(name)!;
  expect([result.status, result.stderr]).toEqual([0, ""]);
  const shown = name === "start" ? "npm start" : name === "token" ? "npm run -s token" : `npm run ${name}`;
  expect(result.stdout).toMatch(new RegExp(`^usage: ${shown.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  expect(result.stdout).toMatch(/^flags:$|--help/m);
});
