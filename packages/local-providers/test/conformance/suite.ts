// The conformance suite of one provider: each stage of ConformanceRun, as jest tests.
import { ConformanceRun, largeQuotas, readPlan, strayErrors, unmetErrors, valueAtPath } from "./run";

type Json = any;

/** The service quotas of hundreds of objects: limit + 1 instances, exactly one refused at apply. */
export function quotaSuite(provider: "auth0" | "aws"): void {
  it.each(largeQuotas(provider))("%s: applies the limit's objects and refuses one more, in the provider's error shape", (quota) => {
    const run = new ConformanceRun(provider, { quota });
    try {
      run.write("apply");
      const init = run.terraform(["init", "-input=false", "-no-color"]);
      expect([init.status, init.stderr]).toEqual([0, ""]);
      expect(run.expectations.length).toBeGreaterThan(0);
      const diagnostics = run.diagnostics(run.terraform(["apply", "-json", "-input=false", "-auto-approve"]).stdout);
      expect(unmetErrors(run, "apply", diagnostics)).toEqual([]);
      expect(strayErrors(run, "apply", diagnostics)).toEqual([]);
    } finally {
      run.dispose();
    }
  });
}

export function conformanceSuite(provider: "auth0" | "aws"): void {
  let run: ConformanceRun;
  beforeAll(() => {
    run = new ConformanceRun(provider);
    run.write("validate");
    const init = run.terraform(["init", "-input=false", "-no-color"]);
    if (init.status !== 0) throw new Error(`terraform init failed:\n${init.stdout}\n${init.stderr}`);
  });
  afterAll(() => run?.dispose());

  it("refuses each failing value at validate with the provider's diagnostic, at its attribute", () => {
    run.write("validate");
    const result = run.terraform(["validate", "-json"]);
    const diagnostics = run.validateDiagnostics(result.stdout);
    expect(result.status).toBe(1);
    expect(unmetErrors(run, "validate", diagnostics)).toEqual([]);
    expect(strayErrors(run, "validate", diagnostics)).toEqual([]);
  });

  it("refuses each failing value of a CustomizeDiff (or a data source's read) at plan", () => {
    run.write("diff");
    const result = run.terraform(["plan", "-json", "-input=false"]);
    const diagnostics = run.diagnostics(result.stdout);
    expect(unmetErrors(run, "diff", diagnostics)).toEqual([]);
    expect(strayErrors(run, "diff", diagnostics)).toEqual([]);
  });

  it("plans and applies every passing value with the provider's defaults and the services' values; the service limits refuse at apply in the provider's error shape", () => {
    run.write("apply");
    const diagnostics = run.diagnostics(run.terraform(["apply", "-json", "-input=false", "-auto-approve"]).stdout);
    expect(unmetErrors(run, "apply", diagnostics)).toEqual([]);
    expect(strayErrors(run, "apply", diagnostics)).toEqual([]);
    // Defaults are planned values; a plan kept in state unchanged shows them as well as the plan does.
    const values = run.stateValues();
    const wrong = run.expectations.flatMap((e) =>
      (e.kind === "state" || e.kind === "planned") && JSON.stringify(valueAtPath(values.get(e.address), e.path)) !== JSON.stringify(e.value)
        ? [`${e.address} ${e.path}: ${JSON.stringify(valueAtPath(values.get(e.address), e.path))}, wanted ${JSON.stringify(e.value)}`]
        : [],
    );
    expect(wrong).toEqual([]);
  });

  it("replaces on a change of a ForceNew attribute, makes plan modifiers' values unknown, and leaves the rest unchanged", () => {
    run.write("change");
    // The state is what the apply just wrote: no refresh needed, and none is cheaper.
    const result = run.terraform(["plan", "-json", "-input=false", "-refresh=false", "-out=change.tfplan"]);
    expect([result.status, run.diagnostics(result.stdout).filter((d) => d.severity === "error")]).toEqual([0, []]);
    const changes = new Map<string, Json>((readPlan(run, "change.tfplan").resource_changes ?? []).map((c: Json) => [c.address, c.change]));
    const unmet = run.expectations.flatMap((e) => {
      const change = changes.get(e.address);
      if (e.kind === "replace" && !(change?.replace_paths ?? []).some((p: Json) => JSON.stringify(p) === JSON.stringify(e.path)))
        return [`${e.address}: no replacement for ${JSON.stringify(e.path)} (${JSON.stringify(change?.replace_paths)})`];
      if (e.kind === "unknown" && valueAtPath(change?.after_unknown, e.path) !== true) return [`${e.address}: ${e.path} not unknown`];
      if (e.kind === "planned-change" && JSON.stringify(valueAtPath(change?.after, e.path)) !== JSON.stringify(e.value)) {
        return [`${e.address}: ${e.path} planned ${JSON.stringify(valueAtPath(change?.after, e.path))}, wanted ${JSON.stringify(e.value)}`];
      }
      return [];
    });
    expect(unmet).toEqual([]);
    const changed = new Set(run.instances.filter((i) => i.changed).map((i) => `${i.type}.${i.name}`));
    const failedAtApply = run.expectations.filter((e) => e.kind === "error" && e.stage === "apply").map((e) => e.address.replace(/\[\*\]$/, ""));
    const moved = [...changes].filter(
      ([address, c]) => !changed.has(address) && !failedAtApply.some((a) => address.startsWith(a)) && !["no-op", "read"].includes(c.actions.join()),
    );
    expect(moved.map(([a, c]) => `${a}: ${c.actions.join()}`)).toEqual([]);
  });
}
