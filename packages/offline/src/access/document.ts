// ACCESS.md: who can call what, measured by the emulator from a synth with real tokens, as the
// document a project commits beside its model (and its tests compare with what they measure).
import { join } from "node:path";
import type { Project } from "@apigw-auth0-rbac/model/project";
import { accessMarkdown, measureAccess, type AccessMatrix } from "../emulator/access-matrix";
import { startLocalSystem } from "../emulator/local-system";

/** The document's name, at the project's root. */
export const ACCESS_FILE_NAME = "ACCESS.md";

export const accessFile = (project: Pick<Project, "root">) => join(project.root, ACCESS_FILE_NAME);

export function accessDocument(matrix: AccessMatrix): string {
  return `# Who can call what

Measured by the local emulator from the synthesized stacks, with a real token per role
(requesting what the app requests) and per machine-to-machine client (its whole grant)
against every route: not computed from the model.
Generated: do not edit. \`npm run access -- --write\` (or \`npm test -- -u\`) refreshes it, and
\`npm test\` fails while it is stale.

${accessMarkdown(matrix)}
`;
}

/** The access matrix of the synth in `outdir`: every caller against every route through the emulator. */
export async function measureSynth(outdir: string): Promise<AccessMatrix> {
  // The handlers' and Actions' own log lines are not the matrix.
  const system = await startLocalSystem({ outdir, throttling: false, functionLog: () => undefined, actionLog: () => undefined });
  try {
    return await measureAccess(system);
  } finally {
    await system.close();
  }
}
