// The model's text in terraform's configuration. The stacks write names, descriptions, URLs and
// e-mails into cdk.tf.json as they are, and terraform reads every string there as a template, in
// its JSON syntax too: `${` opens an interpolation and `%{` a directive, evaluated at plan and
// apply (https://developer.hashicorp.com/terraform/language/expressions/strings#interpolation).
// A role's description holding `${file("…")}` would read a file of the deploying machine into the
// tenant. A user's metadata is escaped by the stacks (terraformString) and keeps them as data.
// cdktf, before terraform, replaces any string holding one of its token markers, metadata too.

const TEMPLATE_OPENINGS: readonly (readonly [string, string])[] = [
  ["${", "an interpolation and evaluates"],
  ["%{", "a template directive and runs"],
];
/** The markers cdktf takes for its tokens in any string it resolves (cdktf/lib/tokens/private/encoding.js). */
const CDKTF_TOKEN_MARKER = /[$#&]\{TfToken\[/;
/** The fields the stacks escape for terraform: a test user's metadata (Auth0TestUser). */
const ESCAPED_FIELDS = new Set(["appMetadata", "userMetadata"]);

/** A problem for each string (or key) of `input` that terraform or cdktf would not write as it is. */
export function terraformTextProblems(input: unknown): string[] {
  const problems: string[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown, field: string, escaped: boolean): void => {
    if (typeof value === "string") {
      const problem = textProblem(value, escaped);
      if (problem) problems.push(`${field}: ${JSON.stringify(value)} ${problem}`);
      return;
    }
    if (typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) visit(item, `${field}[${i}]`, escaped);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key, escaped);
      if (problem) problems.push(`${field || "model"}: the key ${JSON.stringify(key)} ${problem}`);
      visit(item, field ? `${field}.${key}` : key, escaped || ESCAPED_FIELDS.has(key));
    }
  };
  visit(input, "", false);
  return problems;
}

function textProblem(text: string, escaped: boolean): string | undefined {
  const marker = CDKTF_TOKEN_MARKER.exec(text)?.[0];
  if (marker) return `holds ${JSON.stringify(marker)}, which cdktf takes for one of its tokens and replaces at synth; write it another way`;
  if (escaped) return undefined;
  const opening = TEMPLATE_OPENINGS.find(([open]) => text.includes(open));
  if (!opening) return undefined;
  const [open, meaning] = opening;
  return `holds ${JSON.stringify(open)}, which terraform reads as ${meaning} at deploy; write it another way (e.g. ${JSON.stringify(`${open[0]} {`)})`;
}
