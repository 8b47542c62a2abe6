// The pull-request workflow, checked by a real workflow validator (GitHub's workflow schema
// and its expressions, via @action-validator/core), and for what the README promises of it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";

const WORKFLOW = join(__dirname, "..", ".github", "workflows", "review.yml");

describe(".github/workflows/review.yml", () => {
  const text = readFileSync(WORKFLOW, "utf8");

  it("is a valid GitHub Actions workflow", () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it("the validator does reject a broken workflow", () => {
    expect(validateWorkflow(text.replace("runs-on:", "runs-onn:")).errors.length).toBeGreaterThan(0);
  });

  it("tests, reviews against the base branch and posts one comment, marked as the review writes it", () => {
    expect(text).toMatch(/- run: npm test\n/);
    expect(text).toContain('npm run -s review -- --base "origin/${{ github.base_ref }}"');
    expect(readFileSync(join(__dirname, "..", "scripts", "review.ts"), "utf8")).toContain('"<!-- apigw-auth0-rbac review -->"');
    expect(text).toContain('const marker = "<!-- apigw-auth0-rbac review -->"');
  });
});

describe("npm run review", () => {
  it("writes the access comparison and the matrix as Markdown, marked for the workflow", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/review.ts", "--base", "HEAD", "--no-plan"], {
      cwd: join(__dirname, ".."),
      env: { ...process.env, CDKTF_OUTDIR: join(mkdtempSync(join(tmpdir(), "review-")), "cdktf.out") },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith("<!-- apigw-auth0-rbac review -->\n## Access\n")).toBe(true);
    expect(result.stdout).toMatch(/Compared with `HEAD`:\n\n- /);
    expect(result.stdout).toMatch(/\| caller \| `[A-Z]+ \//);
    expect(result.stdout).toContain("## Plan (local provider stand-ins)\n\nNot run (--no-plan).");
  }, 60_000);
});
