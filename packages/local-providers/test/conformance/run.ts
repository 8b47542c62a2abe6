// Runs one provider's conformance cases through the real terraform and the stand-in, stage by
// stage: validation errors, plan (CustomizeDiff) errors, a plan and apply of every passing and
// apply-failing instance, and a second plan of the changes that force replacement or make
// values unknown. Each stage is one terraform command over all instances, so the whole
// catalogue costs a handful of runs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AUTH0_CATALOGUE, AWS_CATALOGUE } from "../../src/catalogue";
import { type Diagnostic, jsonDiagnostics, runTerraform, validateDiagnostics } from "./terraform-json";
import { APPLIED_QUOTAS } from "./cases";
import { HOSTED_ZONES, SUPPORT } from "./fixtures";
import { instancesOf, type Expectation, type Instance, type Stage } from "./derive";

type Json = any;

const PROVIDERS = {
  auth0: { catalogue: AUTH0_CATALOGUE, source: "auth0/auth0", version: "1.55.0", block: { domain: "conformance.eu.auth0.com" } },
  aws: { catalogue: AWS_CATALOGUE, source: "hashicorp/aws", version: "6.25.0", block: { region: "us-east-1" } },
} as const;

/** Quotas of more instances than this run apart, each in a working directory of its own. */
const LARGE_QUOTA = 20;

/** The rule ids of the large quotas of a provider. */
export function largeQuotas(provider: keyof typeof PROVIDERS): string[] {
  return Object.values(PROVIDERS[provider].catalogue).flatMap((c) =>
    instancesOf(c)
      .instances.filter((i) => (i.count ?? 0) > LARGE_QUOTA)
      .map((i) => i.rule),
  );
}

export type { Diagnostic };

export class ConformanceRun {
  readonly dir = mkdtempSync(join(tmpdir(), "tf-conformance-"));
  readonly instances: Instance[] = [];
  readonly expectations: Expectation[] = [];
  private text = "";

  /**
   * `part`: "rules" runs every case but the large quotas (hundreds of instances of one type,
   * whose apply alone takes as long as the rest); "quotas" runs those, in a working directory of
   * their own, since terraform's time per instance grows with the size of the state.
   */
  constructor(
    readonly provider: keyof typeof PROVIDERS,
    /** Which instances: all but the large quotas, or one large quota's (by rule id). */
    readonly part: "rules" | { readonly quota: string } = "rules",
  ) {
    const large = (i: Instance) => (i.count ?? 0) > LARGE_QUOTA;
    for (const catalogue of Object.values(PROVIDERS[provider].catalogue)) {
      const built = instancesOf(catalogue);
      const mine = built.instances.filter((i) => (part === "rules" ? !large(i) : large(i) && i.rule === part.quota));
      const addresses = new Set(mine.map((i) => `${i.dataSource ? "data." : ""}${i.type}.${i.name}`));
      this.instances.push(...mine);
      this.expectations.push(...built.expectations.filter((e) => addresses.has(e.address.replace(/\[\*\]$/, ""))));
    }
    // CreateFunction reads the archive at apply; any bytes will do for the stand-in.
    writeFileSync(join(this.dir, "code.zip"), "PK\u0005\u0006".padEnd(22, "\u0000"));
  }

  /** Writes the configuration of `stage`'s instances (for "change", the applied ones as changed). */
  write(stage: Stage): void {
    const p = PROVIDERS[this.provider];
    const json: Json = {
      terraform: { required_providers: { [this.provider]: { source: p.source, version: p.version } } },
      provider: { [this.provider]: p.block },
    };
    // What cases refer to (a certificate pending validation, one validated by its records): applied with them, and kept.
    if (this.part === "rules" && (stage === "apply" || stage === "change")) json.resource = structuredClone(SUPPORT[this.provider] ?? {});
    for (const i of this.instances.filter((x) => x.stage === (stage === "change" ? "apply" : stage))) {
      const mode = i.dataSource ? "data" : "resource";
      json[mode] ??= {};
      json[mode][i.type] ??= {};
      json[mode][i.type][i.name] = stage === "change" && i.changed ? i.changed : i.config;
    }
    this.text = JSON.stringify(json, null, 1);
    writeFileSync(join(this.dir, "main.tf.json"), this.text);
  }

  terraform(args: string[]): { status: number; stdout: string; stderr: string } {
    const quotas =
      this.provider === "aws" ? { LOCAL_AWS_QUOTAS: JSON.stringify(APPLIED_QUOTAS), LOCAL_AWS_HOSTED_ZONES: HOSTED_ZONES.join(",") } : {};
    return runTerraform(this.dir, args, { LOCAL_CLOUD_DIR: join(this.dir, "cloud"), ...quotas });
  }

  /** The diagnostics of a `-json` run. */
  diagnostics(stdout: string): Diagnostic[] {
    return jsonDiagnostics(stdout);
  }

  /** The diagnostics of `terraform validate -json`, each with the address its snippet names. */
  validateDiagnostics(stdout: string): Diagnostic[] {
    return validateDiagnostics(stdout);
  }

  /** The values of every object in the state file, by address ("type.name", "type.name[0]", "data.type.name"). */
  stateValues(): Map<string, Json> {
    const state = JSON.parse(readFileSync(join(this.dir, "terraform.tfstate"), "utf8"));
    const values = new Map<string, Json>();
    for (const r of state.resources ?? []) {
      for (const i of r.instances ?? []) {
        const key = i.index_key === undefined ? "" : `[${JSON.stringify(i.index_key)}]`;
        values.set(`${r.mode === "data" ? "data." : ""}${r.type}.${r.name}${key}`, i.attributes);
      }
    }
    return values;
  }

  /** The attribute a diagnostic points at: the last key before its range in the configuration. */
  attributeAt(d: Diagnostic): string | undefined {
    if (!d.range) return undefined;
    const before = Buffer.from(this.text).subarray(0, d.range.start.byte).toString();
    return [...before.matchAll(/"([A-Za-z0-9_]+)":/g)].pop()?.[1];
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The unmet expectations of an error stage: an error on the address matching the rule's wording (and attribute). */
export function unmetErrors(run: ConformanceRun, stage: "validate" | "diff" | "apply", diagnostics: readonly Diagnostic[]): string[] {
  const errors = diagnostics.filter((d) => d.severity === "error");
  return run.expectations.flatMap((e) => {
    if (e.kind !== "error" || e.stage !== stage) return [];
    const prefix = e.address.replace(/\[\*\]$/, "");
    const matching = errors.filter(
      (d) =>
        (d.address === e.address || (e.count !== undefined && d.address?.startsWith(`${prefix}[`))) &&
        (e.pattern.test(d.summary) || e.pattern.test(d.detail)),
    );
    const attributed = e.attribute ? matching.filter((d) => run.attributeAt(d) === e.attribute) : matching;
    const wanted = e.count ?? 1;
    const ok = e.count === undefined ? attributed.length >= 1 : attributed.length === wanted;
    if (ok) return [];
    const seen = errors.filter((d) => d.address?.startsWith(prefix)).map((d) => `${d.summary} ${d.detail}`.trim());
    return [`${e.address}: wanted ${wanted} error(s) matching ${e.pattern}${e.attribute ? ` at ${e.attribute}` : ""}; got ${JSON.stringify(seen)}`];
  });
}

/** Errors on addresses no expectation of the stage names: a rule firing where it should not. */
export function strayErrors(run: ConformanceRun, stage: "validate" | "diff" | "apply", diagnostics: readonly Diagnostic[]): string[] {
  const expected = run.expectations.filter((e) => e.kind === "error" && e.stage === stage).map((e) => e.address.replace(/\[\*\]$/, ""));
  return diagnostics
    .filter((d) => d.severity === "error" && !expected.some((a) => d.address === a || d.address?.startsWith(`${a}[`)))
    .map((d) => `${d.address ?? "(no address)"}: ${d.summary} ${d.detail}`.trim());
}

/** A value at a rule path in a planned or applied object: the first element of each block on the way. */
export function valueAtPath(object: Json, path: string): Json {
  let current = object;
  for (const part of path.split(".")) {
    if (Array.isArray(current)) current = current[0];
    current = current?.[part];
  }
  return current;
}

export const readPlan = (run: ConformanceRun, file: string): Json => JSON.parse(run.terraform(["show", "-json", file]).stdout);
