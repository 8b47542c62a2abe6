// A local run's synth without construct paths (model/project's LOCAL_RUN_SYNTH says why): each
// stack's resource and data blocks lose `"//".metadata.path`, and nothing else changes. The
// stack's own `"//"` (its metadata and the outputs' names, which the CLI reads) stays.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomically } from "@apigw-auth0-rbac/model/project";

/** Removes the construct path from every resource and data block of the stacks in `outdir`'s manifest. */
export function dropConstructPaths(outdir: string): void {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  for (const stack of Object.values<{ synthesizedStackPath: string }>(manifest.stacks)) {
    const file = join(outdir, stack.synthesizedStackPath);
    const config = JSON.parse(readFileSync(file, "utf8"));
    let dropped = 0;
    for (const kind of ["resource", "data"]) {
      for (const blocks of Object.values<Record<string, any>>(config[kind] ?? {})) {
        for (const block of Object.values<any>(blocks)) {
          if (typeof block?.["//"]?.metadata?.path !== "string") continue;
          delete block["//"].metadata.path;
          dropped++;
        }
      }
    }
    if (dropped > 0) writeFileAtomically(file, JSON.stringify(config, null, 2));
  }
}
