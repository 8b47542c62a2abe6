// The files `npm run adopt` writes besides the handler stubs: the model file (the adopted model
// as defineAccessModel's argument) and ADOPTION.md, the report of what the first deploy does.
import { MODEL_PACKAGE } from "@apigw-auth0-rbac/model";
import type { Adoption } from "./model";

/** A TypeScript model file: the adopted model as defineAccessModel's argument, with a header saying where it came from. */
export function modelFile(adoption: Adoption, source: string): string {
  return `// Written by npm run adopt from ${source}: see ADOPTION.md for what the first deploy changes.
// "imports" holds the ids of the existing objects: the first deploy imports them instead of
// creating new ones (terraform import blocks); once deployed, they may stay or go.
import { defineAccessModel } from "${MODEL_PACKAGE}";

export default defineAccessModel(${JSON.stringify(adoption.model, null, 2)});
`;
}

export function reportFile(adoption: Adoption, source: string): string {
  return [
    `# Adoption of ${source}`,
    "",
    "Written by `npm run adopt`. Review the plan (`npx cdktf diff`, or `npm run local -- diff` locally) before the first deploy.",
    "",
    "## What the first deploy changes, and why",
    "",
    ...adoption.changes.map((c) => `- ${c.resource ? `\`${c.resource}\`: ` : ""}${c.text}`),
    "",
    "## What it imports and keeps",
    "",
    `- the Auth0 API \`${adoption.model.api.identifier}\` (the audience), its permissions, the roles ${adoption.model.roles.map((r) => `\`${r.name}\``).join(", ")} and their permissions, the SPA client \`${adoption.model.spa.name}\` (its client id), ${adoption.model.clients?.length ? `the applications ${adoption.model.clients.map((c) => `\`${c.name}\``).join(", ")} and their grants` : "no machine-to-machine application"}`,
    `- the HTTP API \`${adoption.model.imports!.aws!.api}\` (its invoke URL), its JWT authorizer, the routes ${adoption.model.routes.map((r) => `\`${r.method} ${r.path}\``).join(", ")} and the $default stage`,
    "",
    "## What it leaves alone",
    "",
    ...adoption.untouched.map((u) => `- ${u}`),
    "",
  ].join("\n");
}
