// The review as the Markdown comment the workflow posts: what to look at first, access
// gained and lost, then each plan with every resource line and terraform's summary. Every value
// from outside (names, refs, file names, plan values, program output) is written through
// model/text's markdown.ts, so none can hide, add or link anything in the comment.
import { markdownCode, markdownCodeBlock, markdownQuote, markdownTableRow, markdownText } from "@apigw-auth0-rbac/model/text";
import { codeDiff } from "./code-diff";
import { type Drift, isCode } from "./drift";
import { planSummary, type ResourceLine } from "./plan";

/** The first line of every review comment: the workflow finds its own comment by it. */
export const REVIEW_MARKER = "<!-- apigw-auth0-rbac review -->";

/** What the review says, in plain text, with the output of the program that said why, shown as it is. */
export interface Note {
  readonly text: string;
  readonly output?: string;
}

export interface StackReport {
  readonly stack: string;
  readonly lines?: readonly ResourceLine[];
  readonly outputs?: readonly string[];
  /** Why this stack has no plan. */
  readonly unavailable?: Note;
}

export interface PlanReport {
  readonly title: string;
  /** What the plan was made against, in a sentence of Markdown. */
  readonly how: string;
  readonly notes: readonly Note[];
  readonly stacks: readonly StackReport[];
}

export interface Review {
  readonly base: { readonly ref: string; readonly commit: string };
  readonly head: string;
  readonly uncommitted: readonly string[];
  /** Sentences of Markdown, every value in them written by markdown.ts. */
  readonly consequences: readonly string[];
  /** What changed in the local cloud behind terraform's back (npm run local's deployment). */
  readonly drift?: Drift;
  /** The changes and why they are unavailable in plain text; the matrix as accessMarkdown writes it. */
  readonly access: { readonly changes?: readonly string[]; readonly unavailable?: string; readonly matrix: string };
  readonly plans: readonly PlanReport[];
}

const ACTION = { create: "+ create", update: "~ update", replace: "-/+ replace", destroy: "- destroy" } as const;

const codes = (values: readonly string[]) => values.map(markdownCode).join(", ");

/** A note as Markdown: its text, then the program's output as a code block. */
const noteMarkdown = (note: Note) => `${markdownText(note.text)}${note.output === undefined ? "" : `\n\n${markdownCodeBlock(note.output)}`}`;

function resourceTable(lines: readonly ResourceLine[]): string[] {
  if (lines.length === 0) return [];
  const rows = lines.map((l) => {
    const forced = l.forcedBy.length ? ` (forced by ${codes(l.forcedBy)})` : "";
    return markdownTableRow([
      markdownCode(ACTION[l.action]),
      markdownCode(l.address),
      `${l.constructPath ? markdownCode(l.constructPath) : "–"}${forced}`,
      codes(l.changes),
    ]);
  });
  return ["| action | resource | construct | what changes |", "|---|---|---|---|", ...rows, ""];
}

/** An Action's code as this change makes it, against what is deployed: a diff block nothing in the code can close. */
function codeDiffSection(line: ResourceLine): string[] {
  if (line.codeDiff === undefined) return [];
  return [`The code of ${markdownCode(line.address)}, deployed against this change:`, "", markdownCodeBlock(line.codeDiff, "diff"), ""];
}

function stackSection(report: StackReport): string[] {
  const out = [`#### ${markdownText(report.stack)}`, ""];
  if (report.unavailable !== undefined) return [...out, `Unavailable: ${noteMarkdown(report.unavailable)}`, ""];
  const lines = report.lines ?? [];
  out.push(...resourceTable(lines), planSummary(lines), "", ...lines.flatMap(codeDiffSection));
  if (report.outputs?.length) out.push(`Outputs that change: ${codes(report.outputs)}.`, "");
  return out;
}

function planSection(plan: PlanReport): string[] {
  return [
    `### ${markdownText(plan.title)}`,
    "",
    plan.how,
    "",
    ...plan.notes.flatMap((n) => [markdownQuote(noteMarkdown(n)), ""]),
    ...plan.stacks.flatMap(stackSection),
  ];
}

function driftSection(review: Review): string[] {
  const items = review.drift?.items ?? [];
  const notCompared = (review.drift?.notCompared ?? []).map((n) => `- ${markdownText(n)}`);
  if (items.length === 0 && notCompared.length === 0) return [];
  const heading = ["### Drift in the local cloud", ""];
  const unchecked = notCompared.length ? ["Not compared:", "", ...notCompared, ""] : [];
  if (items.length === 0) {
    const compared = review.drift?.compared ?? 0;
    const summary = compared
      ? `No drift in the ${compared} objects of this checkout's \`npm run local\` deployment that were compared.`
      : "Not checked: nothing of this checkout's `npm run local` deployment could be compared.";
    return [...heading, summary, "", ...unchecked];
  }
  const rows = items.flatMap((item) =>
    (item.attributes.length ? item.attributes : [{ name: "–", before: "", after: "" }]).map((a) =>
      markdownTableRow([
        item.kind,
        `${markdownCode(item.address)} (${markdownText(item.label)})`,
        markdownCode(a.name),
        isCode(item, a.name)
          ? "edited: its diff is below"
          : `${markdownCode(JSON.stringify(a.before ?? null))} → ${markdownCode(JSON.stringify(a.after ?? null))}`,
      ]),
    ),
  );
  // An Action's code, as terraform applied it against what the tenant holds now.
  const diffs = items.flatMap((item) =>
    item.attributes
      .filter((a) => isCode(item, a.name))
      .flatMap((a) => [
        `The code of ${markdownCode(item.address)}, applied against what the tenant holds now:`,
        "",
        markdownCodeBlock(codeDiff(String(a.before ?? ""), String(a.after ?? ""), "applied", "now"), "diff"),
        "",
      ]),
  );
  return [
    ...heading,
    "What a refresh of this checkout's `npm run local` deployment reads that terraform did not apply (made with `npm run cloud` or a script); the next deploy changes it back:",
    "",
    "| drift | resource | attribute | applied → now |",
    "|---|---|---|---|",
    ...rows,
    "",
    ...diffs,
    ...unchecked,
  ];
}

function accessSection(review: Review): string[] {
  const { access, base } = review;
  const out = ["### Access", ""];
  if (access.unavailable) out.push(`Compared with ${markdownCode(base.ref)}: unavailable (${markdownText(access.unavailable)}).`);
  else
    out.push(
      `Compared with ${markdownCode(base.ref)}'s ACCESS.md:`,
      "",
      ...(access.changes?.length ? access.changes.map((c) => `- ${markdownText(c)}`) : ["- No one gains or loses access to any route."]),
    );
  return [...out, "", "<details><summary>Who can call what now (measured by the emulator)</summary>", "", access.matrix, "", "</details>", ""];
}

function firstSection(review: Review): string[] {
  const out = ["### Look at these first", ""];
  const planned = review.plans.some((plan) => plan.stacks.some((stack) => stack.lines));
  if (!planned && review.consequences.length === 0) return [...out, "Nothing could be checked: no plan was made (see below).", ""];
  // Drift needs no plan: it is flagged even when the plan could not be made.
  if (!planned)
    return [...out, ...review.consequences.map((c) => `- ⚠️ ${c}`), "", "Nothing else could be checked: no plan was made (see below).", ""];
  if (review.consequences.length === 0) {
    return [
      ...out,
      "Nothing that breaks callers: no replacement of the API, a client, the HTTP API, its stage or the authorizer; no permission lost by a role or client; no route's scopes changed.",
      "",
    ];
  }
  return [...out, ...review.consequences.map((c) => `- ⚠️ ${c}`), ""];
}

export function reviewMarkdown(review: Review): string {
  const { head, base } = review;
  const out = [REVIEW_MARKER, `## Review of ${markdownCode(head)} against ${markdownCode(base.ref)} (${markdownCode(base.commit.slice(0, 12))})`, ""];
  if (review.uncommitted.length) {
    out.push(`> The work tree has uncommitted changes (${codes(review.uncommitted)}): this reviews them too, not only the commit.`, "");
  }
  out.push(...firstSection(review), ...driftSection(review), ...accessSection(review), ...review.plans.flatMap(planSection));
  return `${out.join("\n").trimEnd()}\n`;
}
