// The pull-request workflow, checked by a real workflow validator (GitHub's workflow schema
// and its expressions, via @action-validator/core), and the review command it runs, on a
// fixture repository: its Markdown, and its answers to bad input. (The plans themselves, with
// terraform: __tests__/terraform/review-command.terraform.ts.)
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { UNICORN_LAMBDA_SRC, unicornModel } from "../fixtures/unicorn-model";
import { FixtureRepo, runStep, WORKFLOW, workflowStep, type WorkflowStep } from "../helpers/fixture-repo";
const STEP = "Review against the base branch";

describe(".github/workflows/review.yml", () => {
  const text = readFileSync(WORKFLOW, "utf8");

  it("is a valid GitHub Actions workflow", () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it("the validator does reject a broken workflow", () => {
    expect(validateWorkflow(text.replace("runs-on:", "runs-onn:")).errors.length).toBeGreaterThan(0);
  });

  it("tests, then reviews with one command, offline or with --real when the secrets are there", () => {
    expect(text).toMatch(/- run: npm test\n/);
    const offline = workflowStep(STEP, "main");
    expect(offline.run).toBe('npm run -s review -- --base "$REVIEW_BASE" --out review.md $REVIEW_REAL');
    expect(offline.env).toMatchObject({ REVIEW_BASE: "origin/main", REVIEW_REAL: "", STATE_BACKEND: "local" });
    expect(text).toContain("REVIEW_REAL: ${{ env.HAS_CLOUD == 'true' && '--real' || '' }}");
    // Credentials and the team's state reach the step only for --real.
    for (const name of ["AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "STATE_S3_BUCKET", "STATE_S3_REGION"]) {
      expect(text).toContain(`${name}: \${{ env.HAS_CLOUD == 'true' && secrets.${name} || '' }}`);
    }
    // `cdktf diff` takes one stack: the real diff of both is the review's, once per stack.
    expect(text).not.toMatch(/cdktf diff \w+ \w+/);
  });

  it("posts the file the review wrote, found again by the marker the review writes", () => {
    expect(text).toContain('fs.readFileSync("review.md", "utf8")');
    expect(text).toContain('const marker = "<!-- apigw-auth0-rbac review -->"');
    expect(readFileSync(join(__dirname, "..", "..", "src", "review", "markdown.ts"), "utf8")).toContain(
      'REVIEW_MARKER = "<!-- apigw-auth0-rbac review -->"',
    );
  });
});

describe("npm run review on a fixture repository", () => {
  let repo: FixtureRepo;
  let clone: string;
  const noPlan = (baseRef: string): WorkflowStep => {
    const step = workflowStep(STEP, baseRef);
    return { ...step, run: `${step.run} --no-plan` };
  };

  beforeAll(async () => {
    repo = new FixtureRepo(UNICORN_LAMBDA_SRC);
    await repo.writeModel(unicornModel);
    repo.commit("the seed's model", "main");
    const rider = structuredClone(unicornModel) as any;
    rider.roles.find((r: any) => r.name === "unicorn-rider").permissions.push("list:unicorns");
    await repo.writeModel(rider);
    repo.commit("riders may list", "riders-list");
    clone = repo.clone("riders-list");
  }, 60_000);
  afterAll(() => repo?.dispose());

  it("writes the access comparison and the matrix as Markdown, marked for the workflow", () => {
    const result = runStep(noPlan("main"), clone, 60_000);
    expect([result.status, result.stderr]).toEqual([0, expect.stringContaining("wrote")]);
    const markdown = readFileSync(join(clone, "review.md"), "utf8");
    expect(markdown.startsWith("<!-- apigw-auth0-rbac review -->\n## Review of `")).toBe(true);
    expect(markdown).toContain("Compared with `origin/main`'s ACCESS.md:\n\n- role unicorn-rider can now call GET /unicorns\n");
    expect(markdown).toContain("| `GET /unicorns` | role unicorn-rider, role unicorn-trainer |");
    expect(markdown).toContain("### Plan of the change (offline)\n\nNot run (--no-plan).");
    expect(markdown).toContain("### Look at these first\n\nNothing could be checked: no plan was made (see below).");
  }, 60_000);

  it("refuses an unknown --base, naming it and the fix, and leaves the last comment as it was", () => {
    writeFileSync(join(clone, "review.md"), "the last review\n");
    const result = runStep(noPlan("no-such-branch"), clone, 60_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("review: --base origin/no-such-branch: no such commit here.");
    expect(result.stderr).toContain("git fetch origin no-such-branch");
    expect(readFileSync(join(clone, "review.md"), "utf8")).toBe("the last review\n");
    expect(readdirSync(clone).filter((f) => f.startsWith("review.md."))).toEqual([]);
    expect(existsSync(join(clone, ".local")) ? readdirSync(join(clone, ".local")).filter((f) => f.startsWith("review-")) : []).toEqual([]);
  }, 60_000);

  it("reviews a dirty tree, saying which files are not committed", () => {
    writeFileSync(join(clone, "NOTES.txt"), "not committed\n");
    try {
      const result = runStep(noPlan("main"), clone, 60_000);
      expect(result.status).toBe(0);
      expect(result.stderr).toContain("the work tree has uncommitted changes (NOTES.txt)");
      expect(readFileSync(join(clone, "review.md"), "utf8")).toContain(
        "> The work tree has uncommitted changes (`NOTES.txt`): this reviews them too, not only the commit.",
      );
    } finally {
      rmSync(join(clone, "NOTES.txt"));
    }
  }, 60_000);

  it("writes nothing when the head does not synthesize, and says why", () => {
    writeFileSync(join(clone, "review.md"), "the last review\n");
    const model = readFileSync(join(clone, "access-model.ts"), "utf8");
    writeFileSync(join(clone, "access-model.ts"), model.replace('"list:unicorns"\n      ]', '"list:unicorns", "fly:unicorn"\n      ]'));
    try {
      const result = runStep(noPlan("main"), clone, 60_000);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("review: the head does not synthesize, so there is nothing to review:");
      expect(result.stderr).toContain("fly:unicorn");
      expect(readFileSync(join(clone, "review.md"), "utf8")).toBe("the last review\n");
    } finally {
      writeFileSync(join(clone, "access-model.ts"), model);
    }
  }, 60_000);
});
