// The files `npm run adopt` writes besides the handler stubs: the model file (the adopted model
// as defineAccessModel's argument) and ADOPTION.md, the report of what the first deploy does.
// Both hold what the account holds as data: the model as a literal (model/text's typescript.ts),
// the report through markdown.ts.
import { modelFileSource } from "@apigw-auth0-rbac/model";
import { markdownCode, markdownText } from "@apigw-auth0-rbac/model/text";
import type { Adoption } from "./model";

const codes = (values: readonly string[]) => values.map(markdownCode).join(", ");

/** A TypeScript model file: the adopted model as defineAccessModel's argument, with a header pointing to ADOPTION.md. */
export function modelFile(adoption: Adoption): string {
  return `// Written by npm run adopt: ADOPTION.md says from where, and what the first deploy changes.
// "imports" holds the ids of the existing objects: the first deploy imports them instead of
// creating new ones (terraform import blocks); once deployed, they may stay or go.
${modelFileSource(adoption.model)}`;
}

export function reportFile(adoption: Adoption, source: string): string {
  const { model } = adoption;
  return [
    `# Adoption of ${markdownText(source)}`,
    "",
    "Written by `npm run adopt`. Review the plan before the first deploy: `npx cdktf diff auth0`, then `npx cdktf diff aws` (locally: `npm run local -- diff auth0`, then `npm run local -- diff aws`).",
    "",
    "## What the first deploy changes, and why",
    "",
    ...adoption.changes.map((c) => `- ${c.resource ? `${markdownCode(c.resource)}: ` : ""}${c.text}`),
    "",
    "## What it imports and keeps",
    "",
    `- the Auth0 API ${markdownCode(model.api.identifier)} (the audience), its permissions, the roles ${codes(model.roles.map((r) => r.name))} and their permissions, the SPA client ${markdownCode(model.spa.name)} (its client id), ${model.clients?.length ? `the applications ${codes(model.clients.map((c) => c.name))} and their grants` : "no machine-to-machine application"}`,
    `- the HTTP API ${markdownCode(model.imports!.aws!.api)} (its invoke URL), its JWT authorizer, the routes ${codes(model.routes.map((r) => `${r.method} ${r.path}`))} and the $default stage`,
    ...(model.actions?.length
      ? [`- the Actions ${codes(model.actions.map((a) => a.name))} (their ids; their code in actions/) and the bindings of their triggers, in order`]
      : []),
    "",
    "## What it leaves alone",
    "",
    ...adoption.untouched.map((u) => `- ${u}`),
    "",
  ].join("\n");
}
