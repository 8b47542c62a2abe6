// Runs the providers' own tests (as our cases) through the real terraform and the stand-ins, all
// cases of a provider in one working directory, each case a module of its own: validate, plan,
// apply and a second plan each run once over every case still standing, so a case's phase is the
// first of them that refuses it, whatever the others do.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HOSTED_ZONES } from "../fixtures";
import { type Diagnostic, jsonDiagnostics, jsonMessages, runTerraform, validateDiagnostics } from "../terraform-json";
import { caseId, resourceOf } from "./figures";
import { PROVIDER_TEST_ZONES } from "./sources";
import type { Phase, ProviderTestCase, ProviderTestFile } from "./types";

const PROVIDERS = {
  auth0: { source: "auth0/auth0", version: "1.55.0", block: 'provider "auth0" {\n  domain = "provider-tests.eu.auth0.com"\n}' },
  aws: { source: "hashicorp/aws", version: "6.25.0", block: 'provider "aws" {\n  region = "us-east-1"\n}' },
} as const;

/** What terraform did with one case. */
export interface Outcome {
  readonly phase: Phase;
  /** The case's error diagnostics, "summary\n\ndetail" each, as terraform prints them. */
  readonly errors: readonly string[];
  /** Addresses the plan after a clean apply still changes (an acceptance step's "plan was not empty"). */
  readonly changedAfterApply: readonly string[];
}

interface Entry {
  readonly id: string;
  readonly module: string;
  readonly file: ProviderTestFile;
  readonly case: ProviderTestCase;
}

/** Long: one command plans or applies every case of a provider on a loaded machine. */
const COMMAND_TIMEOUT = 600_000;

export class ProviderTestRun {
  readonly dir = mkdtempSync(join(tmpdir(), "tf-provider-tests-"));
  readonly entries: Entry[];
  /** Diagnostics no case could be found for: a mistake in the suite, reported by the tests. */
  readonly stray: string[] = [];

  constructor(
    readonly provider: "auth0" | "aws",
    files: readonly ProviderTestFile[],
  ) {
    const runnable = files.flatMap((file) => file.cases.filter((c) => !c.notRunnable).map((c) => ({ file, case: c })));
    this.entries = runnable.map((r, i) => ({
      ...r,
      id: caseId(r.file, r.case),
      module: `c${String(i).padStart(3, "0")}_${moduleName(resourceOf(r.file, r.case))}`,
    }));
    const zip = join(this.dir, "code.zip");
    // CreateFunction reads the archive at apply; any bytes will do for the stand-in.
    writeFileSync(zip, "PK\u0005\u0006".padEnd(22, "\u0000"));
    const required = `terraform {\n  required_providers {\n    ${this.provider} = {\n      source = "${PROVIDERS[provider].source}"\n    }\n  }\n}\n`;
    this.caseText = (e, hcl) => {
      const name = `pt-${e.module.replace(/_/g, "-")}`.slice(0, 40);
      return `${required}\n${hcl.replaceAll("{{name}}", name).replaceAll("{{zip}}", zip)}\n`;
    };
    for (const e of this.entries) {
      mkdirSync(join(this.dir, "cases", e.module), { recursive: true });
      this.writeCase(e, e.case.hcl!);
    }
  }

  private readonly caseText: (e: Entry, hcl: string) => string;

  private writeCase(e: Entry, hcl: string): void {
    writeFileSync(join(this.dir, "cases", e.module, "main.tf"), this.caseText(e, hcl));
  }

  private writeRoot(entries: readonly Entry[]): void {
    const p = PROVIDERS[this.provider];
    const modules = entries.map((e) => `module "${e.module}" {\n  source = "./cases/${e.module}"\n}\n`).join("\n");
    const head = `terraform {\n  required_providers {\n    ${this.provider} = {\n      source  = "${p.source}"\n      version = "${p.version}"\n    }\n  }\n}\n\n${p.block}\n\n`;
    writeFileSync(join(this.dir, "main.tf"), head + modules);
  }

  private terraform(args: readonly string[]) {
    const env = this.provider === "aws" ? { LOCAL_AWS_HOSTED_ZONES: [...HOSTED_ZONES, ...PROVIDER_TEST_ZONES].join(",") } : {};
    return runTerraform(this.dir, args, { LOCAL_CLOUD_DIR: join(this.dir, "cloud"), ...env }, COMMAND_TIMEOUT);
  }

  /** The entry a diagnostic belongs to: by its file ("cases/<module>/main.tf") or its address ("module.<module>.…"). */
  private entryOf(d: Diagnostic): Entry | undefined {
    const module = d.range?.filename?.match(/^cases\/([^/]+)\//)?.[1] ?? d.address?.match(/^module\.([^.[]+)/)?.[1];
    return this.entries.find((e) => e.module === module);
  }

  /** Errors by entry id; errors of no entry go to `stray`. */
  private errorsByEntry(diagnostics: readonly Diagnostic[], stage: string): Map<string, string[]> {
    const byId = new Map<string, string[]>();
    for (const d of diagnostics.filter((x) => x.severity === "error")) {
      const entry = this.entryOf(d);
      const text = `${d.summary}\n\n${d.detail ?? ""}`.trim();
      if (!entry) this.stray.push(`${stage}: ${text}`);
      else byId.set(entry.id, [...(byId.get(entry.id) ?? []), text]);
    }
    return byId;
  }

  /** Errors where a case expects none (the step before it, the plan after its apply): each a stray line. */
  private keepStray(errors: Map<string, string[]>): void {
    for (const [id, texts] of errors) this.stray.push(...texts.map((x) => `${id}: ${x}`));
  }

  /** init, validate, plan, apply and a plan after it: every case's outcome, by case id. */
  run(): Map<string, Outcome> {
    const outcomes = new Map<string, Outcome>();
    const settle = (errors: Map<string, string[]>, phase: Phase, standing: Entry[]) => {
      for (const e of standing) {
        const found = errors.get(e.id);
        if (found) outcomes.set(e.id, { phase, errors: found, changedAfterApply: [] });
      }
      return standing.filter((e) => !errors.has(e.id));
    };
    this.writeRoot(this.entries);
    const init = this.terraform(["init", "-input=false", "-no-color"]);
    if (init.status !== 0) throw new Error(`terraform init failed:\n${init.stdout}\n${init.stderr}`);
    const validated = this.terraform(["validate", "-json"]);
    let standing = settle(this.errorsByEntry(validateDiagnostics(validated.stdout), "validate"), "plan", this.entries);
    // The steps before the update steps: applied first, then each module gets its own step back.
    const updates = standing.filter((e) => e.case.before);
    if (updates.length > 0) {
      for (const e of updates) this.writeCase(e, e.case.before!);
      this.writeRoot(updates);
      const before = this.terraform(["apply", "-json", "-input=false", "-auto-approve"]);
      this.keepStray(this.errorsByEntry(jsonDiagnostics(before.stdout), "the step before"));
      for (const e of updates) this.writeCase(e, e.case.hcl!);
    }
    this.writeRoot(standing);
    const planned = this.terraform(["plan", "-json", "-input=false"]);
    standing = settle(this.errorsByEntry(jsonDiagnostics(planned.stdout), "plan"), "plan", standing);
    this.writeRoot(standing);
    const applied = this.terraform(["apply", "-json", "-input=false", "-auto-approve"]);
    standing = settle(this.errorsByEntry(jsonDiagnostics(applied.stdout), "apply"), "apply", standing);
    // The acceptance framework's own check after each step: a plan of the applied configuration changes nothing.
    this.writeRoot(standing);
    const again = this.terraform(["plan", "-json", "-input=false"]);
    this.keepStray(this.errorsByEntry(jsonDiagnostics(again.stdout), "plan after apply"));
    const changed = jsonMessages(again.stdout)
      .filter((m) => m.type === "planned_change")
      .map((m) => String(m.change.resource.addr));
    for (const e of standing) {
      const mine = changed.filter((a) => a.startsWith(`module.${e.module}.`));
      outcomes.set(e.id, { phase: "none", errors: [], changedAfterApply: mine });
    }
    return outcomes;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const moduleName = (resource: string) => resource.replace(/^(aws|auth0)_/, "").slice(0, 24);

/** Why an outcome is not what the case expects; undefined when it matches. */
export function mismatch(c: ProviderTestCase, outcome: Outcome | undefined): string | undefined {
  if (!outcome) return "not run";
  if (outcome.phase !== c.expect.phase) return `refused at ${outcome.phase}, expected ${c.expect.phase}: ${JSON.stringify(outcome.errors)}`;
  if (c.expect.pattern && !outcome.errors.some((e) => c.expect.pattern!.test(e)))
    return `no error matches ${c.expect.pattern}: ${JSON.stringify(outcome.errors)}`;
  if (outcome.phase === "none" && !c.nonEmptyPlan && outcome.changedAfterApply.length > 0)
    return `the plan after apply is not empty: ${outcome.changedAfterApply.join(", ")}`;
  if (outcome.phase === "none" && c.nonEmptyPlan && outcome.changedAfterApply.length === 0) return "the plan after apply is empty, expected changes";
  return undefined;
}
