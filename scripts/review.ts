// `npm run review -- --base <git ref>`: what a reviewer of an access change needs, as
// Markdown: who gains and loses which route against the base, the access matrix now, and
// the plan of both stacks from `npm run local -- diff` (or why it is unavailable).
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { accessChanges, accessMarkdown, parseAccessMarkdown } from "../emulator/access-matrix";
import { measureProject } from "./access";
import { readCommand } from "./cli";
import { checkTerraform } from "./local";

const ROOT = join(__dirname, "..");
const strip = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").replace(/\r/g, "");

/** The resource lines and the summary of `npm run local -- diff <stack>`, or why there are none. */
function planSummary(stack: string): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "local.ts"), "diff", stack], {
    cwd: ROOT,
    env: { ...process.env, CI: "1", FORCE_COLOR: "0" },
    encoding: "utf8",
    timeout: 180_000,
  });
  const lines = strip(`${result.stdout}\n${result.stderr}`)
    .split("\n")
    .map((l) => l.replace(new RegExp(`^\\s*${stack}\\s+`), "").trimEnd())
    .filter((l) => /^\s*# \S+ (will be|must be)/.test(l) || /^\s*(Plan:|No changes\.)/.test(l) || /Error:/.test(l));
  const unique = [...new Set(lines.map((l) => l.trim()))];
  if (result.status !== 0) return `unavailable: \`npm run local -- diff ${stack}\` failed:\n\n\`\`\`\n${unique.join("\n") || "(no output)"}\n\`\`\``;
  return `\`\`\`\n${unique.join("\n")}\n\`\`\``;
}

async function main(): Promise<void> {
  const { flags: values } = readCommand({
    name: "npm run review",
    usage: "[-- --base REF] [--no-plan]",
    summary: "The Markdown a reviewer needs: access changes against REF, the matrix, and both stacks' plan.",
    flags: {
      base: { type: "string", value: "REF", default: "main", description: "the git ref to compare with" },
      "no-plan": { type: "boolean", default: false, description: "leave the plans out" },
    },
  });
  const base = values.base!;
  const log = console.log;
  console.log = () => undefined;
  const matrix = await measureProject();
  console.log = log;

  const out: string[] = ["<!-- apigw-auth0-rbac review -->", "## Access", ""];
  let previous: string | undefined;
  try {
    previous = execFileSync("git", ["show", `${base}:ACCESS.md`], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    previous = undefined;
  }
  if (previous === undefined) out.push(`Compared with \`${base}\`: unavailable (it has no ACCESS.md).`);
  else {
    const changes = accessChanges(parseAccessMarkdown(previous), matrix);
    out.push(`Compared with \`${base}\`:`, "", ...(changes.length ? changes.map((c) => `- ${c}`) : ["- No one gains or loses access to any route."]));
  }
  out.push("", "<details><summary>Who can call what now (measured by the emulator)</summary>", "", accessMarkdown(matrix), "", "</details>", "", "## Plan (local provider stand-ins)", "");
  if (values["no-plan"]) out.push("Not run (--no-plan).");
  else {
    let terraform = "";
    try {
      terraform = checkTerraform();
    } catch (err) {
      out.push(`Unavailable: ${(err as Error).message}`);
    }
    if (terraform) {
      out.push(`\`npm run local -- diff\`, terraform ${terraform}, against the local state in .local/terraform (empty unless \`npm run local -- deploy\` ran): what the real providers would be asked, without an account.`, "");
      for (const stack of ["auth0", "aws"]) out.push(`### ${stack}`, "", planSummary(stack), "");
    }
  }
  console.log(out.join("\n"));
}

main().catch((err) => {
  console.error(`review: ${(err as Error).message}`);
  process.exit(1);
});
