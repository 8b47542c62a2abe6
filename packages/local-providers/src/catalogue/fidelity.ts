// The catalogue's coverage as text: the console summary of `npm run fidelity`, docs/FIDELITY.md
// and the summary table of the stand-ins in this package's README, all from the same data.
import { GAPS } from "./gaps";
import { CATALOGUE } from "./index";
import type { Check, ResourceCatalogue, Rule, RuleKind, Source } from "./types";

const KINDS: readonly RuleKind[] = [
  "required",
  "validator",
  "force-new",
  "default",
  "computed",
  "plan-modifier",
  "computed-block",
  "diff-suppress",
  "api-limit",
  "provider-check",
];
const runs = (r: Rule) => r.notRun === undefined;

export interface Coverage {
  readonly type: string;
  readonly provider: string;
  readonly known: number;
  readonly run: number;
  readonly byKind: Readonly<Record<RuleKind, number>>;
  readonly notRun: readonly { readonly rule: Rule; readonly why: string }[];
}

export function coverageOf(catalogue: ResourceCatalogue): Coverage {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, catalogue.rules.filter((r) => r.kind === k).length])) as Record<RuleKind, number>;
  return {
    type: catalogue.type,
    provider: catalogue.provider,
    known: catalogue.rules.length,
    run: catalogue.rules.filter(runs).length,
    byKind,
    notRun: catalogue.rules.filter((r) => !runs(r)).map((rule) => ({ rule, why: rule.notRun! })),
  };
}

/**
 * The providers' own tests as a suite of ours (test/conformance/provider-tests/), as `npm run
 * fidelity` reports them beside the catalogue: built from the suite's data by the script.
 */
export interface SuiteReport {
  readonly resources: readonly SuiteRow[];
  /** The test files read: "repo path @ ref (note)". */
  readonly sources: readonly string[];
  /** The cases listed, not run: by reason, their ids. */
  readonly notRunnable: readonly { readonly why: string; readonly ids: readonly string[] }[];
}

export interface SuiteRow {
  readonly resource: string;
  readonly cases: number;
  readonly expectError: number;
  readonly validator: number;
  readonly config: number;
  /** Run by npm run test:terraform, which asserts each matches the real provider. */
  readonly runnable: number;
}

const suiteTotal = (rows: readonly SuiteRow[], f: (r: SuiteRow) => number) => rows.reduce((n, r) => n + f(r), 0);

/** The suite's figures as one line. */
export function suiteSentence(suite: SuiteReport): string {
  const rows = suite.resources;
  return `${suiteTotal(rows, (r) => r.cases)} cases from ${suite.sources.length} test files, ${suiteTotal(rows, (r) => r.runnable)} runnable, each matching the real provider's outcome in npm run test:terraform`;
}

/** `npm run fidelity`'s console lines. */
export function coverageLines(catalogues: readonly ResourceCatalogue[] = CATALOGUE, suite?: SuiteReport): string[] {
  const width = Math.max(...catalogues.map((c) => c.type.length)) + 2;
  const lines = catalogues.flatMap((c) => {
    const cov = coverageOf(c);
    const row = suite?.resources.find((r) => r.resource === c.type);
    const tests = row ? `; provider tests: ${String(row.cases).padStart(3)} cases, ${String(row.runnable).padStart(3)} runnable` : "";
    return [
      `${c.type.padEnd(width)} ${String(cov.known).padStart(3)} rules known, ${String(cov.run).padStart(3)} run${tests}`,
      ...cov.notRun.map((n) => `${"".padEnd(width)}   not run: ${n.rule.path} (${n.rule.kind}): ${n.why}`),
    ];
  });
  const total = catalogues.map(coverageOf);
  const known = total.reduce((n, c) => n + c.known, 0);
  const run = total.reduce((n, c) => n + c.run, 0);
  return [
    ...lines,
    `${"all".padEnd(width)} ${String(known).padStart(3)} rules known, ${String(run).padStart(3)} run; ${GAPS.length} known gaps outside the catalogue (docs/FIDELITY.md)`,
    ...(suite ? [`${"".padEnd(width)} provider tests: ${suiteSentence(suite)}`] : []),
  ];
}

const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function describeCheck(check: Check): string {
  switch (check.type) {
    case "one-of":
      return `one of ${check.values.map((v) => code(v)).join(", ")}${check.ignoreCase ? " (any case)" : ""}`;
    case "int-one-of":
      return `one of ${check.values.join(", ")}`;
    case "int-between":
      return `${check.min} to ${check.max}`;
    case "int-at-least":
      return `at least ${check.min}`;
    case "int-at-most":
      return `at most ${check.max}`;
    case "length-between":
      return `length ${check.min} to ${check.max}`;
    case "min-length":
      return `length at least ${check.min}`;
    case "max-length":
      return `length at most ${check.max}`;
    case "matches":
      return `matches ${code(check.pattern)}`;
    case "does-not-match":
      return `does not match ${code(check.pattern)}`;
    case "conflicts-with":
    case "exactly-one-of":
    case "at-least-one-of":
    case "required-with":
      return `${check.type} ${check.keys.map((k) => code(k)).join(", ")}`;
    case "max-items":
      return `at most ${check.max} items`;
    case "custom":
      return `custom: ${check.name}`;
    case "quota":
      return `quota ${check.name}: ${check.limit}${check.adjustable ? " by default (adjustable: LOCAL_AWS_QUOTAS)" : ""}`;
    default:
      return check.type;
  }
}

function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case "required":
      return "Required";
    case "force-new":
      return "ForceNew: a change replaces";
    case "default":
      return `Default ${code(JSON.stringify(rule.value))}`;
    case "computed":
      return `the service sets ${code(JSON.stringify(rule.value))} when unset`;
    case "plan-modifier":
      return `${rule.effect === "compute" ? `computed at plan (${rule.name})` : rule.effect} when ${rule.when.map((w) => code(w)).join(", ")} change${rule.effect === "compute" ? " or on create" : ""}${rule.onlyIf ? ` (while ${code(rule.onlyIf)})` : ""}`;
    case "provider-check":
      return `the provider's check ${rule.check.name}: ${code(rule.detail ? `${rule.message}: ${rule.detail}` : rule.message)}`;
    case "computed-block":
      return "Optional and Computed block: left out of an update's configuration, it keeps its value";
    case "diff-suppress":
      return `DiffSuppressFunc ${rule.name}: a value it takes for the prior one is no change`;
    case "validator":
      return `${describeCheck(rule.check)} (${rule.via}): ${code(rule.detail ? `${rule.message}: ${rule.detail}` : rule.message)}`;
    case "api-limit":
      return `${rule.call} ${rule.field}: ${describeCheck(rule.check)} → ${rule.status} ${rule.code}: ${code(rule.message)}`;
  }
}

function describeSource(source: Source): string {
  if ("doc" in source) return `${source.doc}${source.note ? ` (${cell(source.note)})` : ""}`;
  return `${source.repo} ${code(source.path)} ${cell(source.symbol)} @ ${source.ref}${source.note ? ` (${cell(source.note)})` : ""}`;
}

function summaryTable(coverages: readonly Coverage[]): string[] {
  const head =
    "| resource | rules known | run | required | validators | ForceNew | defaults | computed | plan modifiers | computed blocks | diff suppressions | API limits (apply) | provider checks |";
  const rows = coverages.map((c) => `| ${c.type} | ${c.known} | ${c.run} | ${KINDS.map((k) => c.byKind[k]).join(" | ")} |`);
  const sum = (f: (c: Coverage) => number) => coverages.reduce((n, c) => n + f(c), 0);
  const total = `| **all** | **${sum((c) => c.known)}** | **${sum((c) => c.run)}** | ${KINDS.map((k) => sum((c) => c.byKind[k])).join(" | ")} |`;
  return [head, `|---|---:|---:|${KINDS.map(() => "---:").join("|")}|`, ...rows, total];
}

function resourceSection(catalogue: ResourceCatalogue): string[] {
  const cov = coverageOf(catalogue);
  return [
    `### ${catalogue.type}${catalogue.dataSource ? " (data source)" : ""}`,
    "",
    `${catalogue.provider}, ${describeSource(catalogue.source)}. ${cov.known} rules, ${cov.run} run.`,
    "",
    "| attribute | kind | phase | rule | source | stand-in |",
    "|---|---|---|---|---|---|",
    ...catalogue.rules.map(
      (r) =>
        `| ${code(r.path)} | ${r.kind} | ${r.phase} | ${cell(describeRule(r))} | ${describeSource(r.source)} | ${r.notRun ? `not run: ${cell(r.notRun)}` : "runs"} |`,
    ),
    "",
  ];
}

/** The fidelity document's section on the providers' own tests. */
function suiteSection(catalogues: readonly ResourceCatalogue[], suite: SuiteReport): string[] {
  const byType = new Map(catalogues.map((c) => [c.type, coverageOf(c)]));
  const rows = suite.resources;
  const ids = (list: readonly string[]) => list.map((id) => code(id)).join(", ");
  return [
    "## The providers' own tests",
    "",
    "The providers' acceptance and validator tests as a suite of ours (`test/conformance/provider-tests/`):",
    "each step that expects an error (`ExpectError`), each invalid value of a validator's unit test and",
    "each plain `Config` step, written again as a small configuration with its source, the phase the",
    "real provider stops it in (plan, apply, or none) and the message's pattern. `npm run test:terraform`",
    "runs them through terraform 1.11 against the stand-ins, all cases of a provider in one working",
    "directory, a module each: validate, plan, apply, and a plan after the apply that must change",
    "nothing (the acceptance framework's own check). A case matches when terraform stops it in its",
    "phase with a message its pattern finds.",
    "",
    "- A step runs as a create. Where its outcome depends on the step before (an update), that",
    "  configuration is applied first (`before`), then the step's over it; a `PlanOnly` step is",
    "  applied like the others.",
    "- A case compares the phase and the message. The attributes a step's `Check` reads and the JSON a",
    "  data source writes are not compared.",
    "- Not taken: the generated tests (`*_tags_gen_test.go`, `*_identity_gen_test.go`, list tests) of",
    "  tagging, resource identity and list queries, which the stand-ins do not serve; the providers' Go",
    "  unit tests of their own helpers (policy and ARN parsing), which hold no configuration.",
    "",
    `${suiteSentence(suite)}.`,
    "",
    "| resource | rules known | run | cases | ExpectError steps | validator values | Config steps | runnable |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => {
      const cov = byType.get(r.resource);
      return `| ${r.resource} | ${cov?.known ?? "—"} | ${cov?.run ?? "—"} | ${r.cases} | ${r.expectError} | ${r.validator} | ${r.config} | ${r.runnable} |`;
    }),
    `| **all** | | | **${suiteTotal(rows, (r) => r.cases)}** | ${suiteTotal(rows, (r) => r.expectError)} | ${suiteTotal(rows, (r) => r.validator)} | ${suiteTotal(rows, (r) => r.config)} | **${suiteTotal(rows, (r) => r.runnable)}** |`,
    "",
    "### Listed, not run",
    "",
    ...suite.notRunnable.map((n) => `- ${cell(n.why)[0].toUpperCase()}${cell(n.why).slice(1)} (${n.ids.length}): ${ids(n.ids)}.`),
    "",
    "### The test files read",
    "",
    "Where the index of hashicorp/terraform-provider-aws held another state of a file than 6.25.0's, the",
    "commit read is named, and a test or wording of that state that 6.25.0 changed is adapted in the case.",
    "",
    ...suite.sources.map((s) => `- ${cell(s)}`),
    "",
  ];
}

/** docs/FIDELITY.md. */
export function fidelityMarkdown(catalogues: readonly ResourceCatalogue[] = CATALOGUE, suite?: SuiteReport): string {
  const coverages = catalogues.map(coverageOf);
  const notRun = coverages.flatMap((c) => c.notRun.map((n) => `- ${c.type} ${code(n.rule.path)} (${n.rule.kind}): ${n.why}`));
  return [
    "# Fidelity of the local provider stand-ins",
    "",
    "Generated by `npm run fidelity` from the rule catalogue (`src/catalogue/`); do not edit —",
    "a test fails when this file is stale. The stand-ins run from the same data: what a row says is",
    "what the stand-in does, in the phase it names.",
    "",
    "- **plan** rules fail `terraform validate`/`plan` with the provider's diagnostic, at the attribute;",
    "  CustomizeDiff rules fail at plan.",
    "- **apply** rules are the service APIs': the objects in `src/aws/api/` and",
    "  `src/auth0/api/` refuse the call, and the provider wraps the answer as it does",
    "  (`creating API Gateway v2 Integration: operation error ApiGatewayV2: CreateIntegration, https response error StatusCode: 400, RequestID: …, BadRequestException: …`;",
    "  auth0: `409 Conflict: …`). IAM parses every policy document put (a role's trust policy, an inline",
    "  policy) by its grammar (`src/aws/api/iam-policy-grammar.ts`) and refuses with `MalformedPolicyDocument`;",
    "  the Management API checks request bodies against its schema's limits, in its `Payload validation error` form.",
    "- Those objects keep what they create in the local cloud, a store per environment under `.local/`",
    "  (`src/cloud/store.ts`), so the limits over many objects are real across runs and across",
    "  both stacks: an API identifier is unique per tenant, a function or role name per account, routes",
    "  count towards their API's quota whichever apply created them. terraform's refresh reads the store,",
    "  so a change made there (`npm run cloud`, [LOCAL-CLOUD.md](../../offline/docs/LOCAL-CLOUD.md)) is drift.",
    "- Every rule has a conformance case run through terraform 1.11 (`npm run test:terraform`): a",
    "  passing and a failing value in its phase.",
    "- Quotas AWS raises on request apply their default unless `LOCAL_AWS_QUOTAS` gives the",
    "  account's applied values, e.g. `LOCAL_AWS_QUOTAS='{\"routes-per-api\":500}' npm run local -- deploy auth0 aws`.",
    "- A service's or provider's wording is the one a source quotes (each rule's source says where: the",
    "  provider's tests, AWS's or Auth0's documentation, or an issue quoting the service's answer); where no",
    "  source gives it, the rule's source says the wording is ours.",
    "- The providers' URL validators parse as Go's `net/url.Parse` of the provider's Go version does",
    "  (`src/go-url.ts`): a `{` in a host is refused, a missing scheme is `missing protocol scheme`.",
    "",
    "## Coverage",
    "",
    ...summaryTable(coverages),
    "",
    "## Known rules the stand-ins do not run",
    "",
    ...(notRun.length ? notRun : ["None."]),
    "",
    "## Known gaps outside the catalogue",
    "",
    ...GAPS.map((g) => `- ${g.provider}: ${g.what}. ${g.why[0].toUpperCase()}${g.why.slice(1)}.`),
    "",
    ...(suite ? suiteSection(catalogues, suite) : []),
    "## Rules by resource",
    "",
    ...catalogues.flatMap(resourceSection),
  ].join("\n");
}

/** The summary of the stand-ins in this package's README, between its fidelity markers. */
export function standInSummary(catalogues: readonly ResourceCatalogue[] = CATALOGUE, suite?: SuiteReport): string {
  const coverages = catalogues.map(coverageOf);
  const line = (provider: string) => {
    const cs = coverages.filter((c) => c.provider === provider);
    const sum = (f: (c: Coverage) => number) => cs.reduce((n, c) => n + f(c), 0);
    const kind = (k: RuleKind) => sum((c) => c.byKind[k]);
    const checks = (phase: string) => {
      const n = catalogues
        .filter((c) => c.provider === provider)
        .flatMap((c) => c.rules)
        .filter((r) => r.kind === "provider-check" && r.phase === phase).length;
      return n ? `, ${n} provider check${n === 1 ? "" : "s"}` : "";
    };
    const plan = `${kind("required")} required, ${kind("validator")} validators, ${kind("force-new")} ForceNew, ${kind("default")} defaults, ${kind("plan-modifier")} plan modifiers, ${kind("computed-block")} computed blocks, ${kind("diff-suppress")} diff suppressions${checks("plan")}`;
    const apply = `${kind("api-limit")} API limits, ${kind("computed")} values the service sets${checks("apply")}`;
    return `| ${provider} | ${cs.map((c) => c.type).join(", ")} | ${sum((c) => c.known)} (${sum((c) => c.run)}) | ${plan} | ${apply} |`;
  };
  return [
    "| provider | resources and data sources | rules known (run) | at plan | at apply |",
    "|---|---|---:|---|---|",
    line("auth0/auth0"),
    line("hashicorp/aws"),
    ...(suite ? ["", `The providers' own tests, run through terraform against the stand-ins: ${suiteSentence(suite)} (docs/FIDELITY.md).`] : []),
  ].join("\n");
}
