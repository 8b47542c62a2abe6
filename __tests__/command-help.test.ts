// Every project command in package.json answers --help with its usage line and its flags,
// and changes nothing while doing so.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const scripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts;
/** The commands that run a script of ours (hooks and the test runners have their own). */
const COMMANDS = Object.entries(scripts).filter(
  ([name, command]) => /^node .*scripts\//.test(command) && !["postinstall", "pretest", "pretypecheck"].includes(name),
);

it("covers the project's commands", () => {
  expect(COMMANDS.map(([name]) => name)).toEqual(expect.arrayContaining(["start", "token", "access", "review", "synth", "local"]));
});

it.each(COMMANDS)("npm run %s -- --help prints its usage and flags", (name, command) => {
  const [node, ...args] = command.split(" ");
  const result = spawnSync(node === "node" ? process.execPath : node, [...args, "--help"], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
  expect([result.status, result.stderr]).toEqual([0, ""]);
  const shown = name === "start" ? "npm start" : name === "token" ? "npm run -s token" : `npm run ${name}`;
  expect(result.stdout).toMatch(new RegExp(`^usage: ${shown.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  expect(result.stdout).toMatch(/^flags:$|--help/m);
});
