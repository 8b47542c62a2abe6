// `npm run access`: who can call what, measured by the emulator from the synthesized stacks
// with real tokens. `--markdown` prints the Markdown table; `--write` writes ACCESS.md;
// `--diff <git ref>` says who gains and who loses which route compared with that ref's ACCESS.md.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { accessChanges, accessMarkdown, accessText, measureAccess, parseAccessMarkdown, type AccessMatrix } from "../emulator/access-matrix";
import { isSynthFresh, synthesize } from "../synth/freshness";
import { startLocalSystem } from "../emulator/local-system";
import { readCommand } from "./cli";

const ROOT = join(__dirname, "..");
export const ACCESS_FILE = join(ROOT, "ACCESS.md");

export function accessDocument(matrix: AccessMatrix): string {
  return `# Who can call what

Measured by the local emulator from the synthesized stacks, with a real token per role
(requesting what the app requests) and per machine-to-machine client (its whole grant)
against every route: not computed from the model.
Generated: do not edit. \`npm run access -- --write\` (or \`npm test -- -u\`) refreshes it, and
\`npm test\` fails while it is stale.

${accessMarkdown(matrix)}
`;
}

/** Measures the project's access matrix from `outdir` (synthesizing first when stale). */
export async function measureProject(outdir = process.env.CDKTF_OUTDIR || join(ROOT, "cdktf.out")): Promise<AccessMatrix> {
  if (!isSynthFresh(ROOT, outdir)) synthesize(ROOT, outdir);
  // The handlers' own log lines are not the matrix.
  const system = await startLocalSystem({ outdir, throttling: false, functionLog: () => undefined });
  try {
    return await measureAccess(system);
  } finally {
    await system.close();
  }
}

async function main(): Promise<void> {
  const { flags: values } = readCommand({
    name: "npm run access",
    usage: "[-- --markdown] [--write] [--diff REF]",
    summary: "Who can call what: every role and machine-to-machine client against every route, measured by the emulator with real tokens.",
    flags: {
      markdown: { type: "boolean", default: false, description: "print Markdown instead of the plain table" },
      write: { type: "boolean", default: false, description: "write ACCESS.md (what npm test -- -u does)" },
      diff: { type: "string", value: "REF", description: "say who gains and loses which route against ACCESS.md at the git ref REF" },
    },
    variables: { DEPLOY_ENV: "the environment to measure", CDKTF_OUTDIR: "where the stacks are synthesized (default cdktf.out)" },
  });
  const matrix = await measureProject();
  if (values.write) {
    writeFileSync(ACCESS_FILE, accessDocument(matrix));
    console.error(`wrote ${ACCESS_FILE}`);
  }
  if (values.diff !== undefined) {
    let previous: string;
    try {
      previous = execFileSync("git", ["show", `${values.diff}:ACCESS.md`], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (err) {
      throw new Error(`cannot read ACCESS.md at ${values.diff}: ${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}`);
    }
    const changes = accessChanges(parseAccessMarkdown(previous), matrix);
    if (values.markdown) {
      console.log(`### Access changes against \`${values.diff}\`\n`);
      console.log(changes.length ? changes.map((c) => `- ${c}`).join("\n") : "No one gains or loses access to any route.");
    } else console.log(changes.length ? changes.join("\n") : `no access changes against ${values.diff}`);
    return;
  }
  if (!values.write) console.log(values.markdown ? accessMarkdown(matrix) : accessText(matrix));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`access: ${(err as Error).message}`);
    process.exit(1);
  });
}
