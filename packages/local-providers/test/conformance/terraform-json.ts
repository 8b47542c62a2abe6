// Running terraform for the conformance suites, and reading what its `-json` output says: one
// place for the catalogue's cases (run.ts) and the providers' own tests (provider-tests/).
import { spawnSync } from "node:child_process";
import { terraformEnv } from "./terraform-env";

type Json = any;

export interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail: string;
  readonly address?: string;
  readonly range?: { readonly filename?: string; readonly start: { readonly byte: number } };
  readonly snippet?: { readonly context?: string };
}

export interface TerraformResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** terraform `args` in `cwd` with the stand-ins' mirror and `env` on top; `timeout` in ms. */
export function runTerraform(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv, timeout = 120_000): TerraformResult {
  const all = { ...terraformEnv(), ...env, TF_INPUT: "0", NO_COLOR: "1" };
  const result = spawnSync("terraform", args, { cwd, env: all, encoding: "utf8", timeout, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status ?? -1, stdout: result.stdout ?? "", stderr: result.stderr ?? String(result.error ?? "") };
}

/** The messages of a `-json` run (plan, apply), one JSON object a line. */
export const jsonMessages = (stdout: string): Json[] =>
  stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));

/** The diagnostics of a `-json` run (plan, apply). */
export const jsonDiagnostics = (stdout: string): Diagnostic[] =>
  jsonMessages(stdout)
    .filter((m) => m.type === "diagnostic")
    .map((m) => m.diagnostic);

/** The diagnostics of `terraform validate -json`, each with the address its snippet names. */
export function validateDiagnostics(stdout: string): Diagnostic[] {
  // The context names the block too ("resource.t.n.block[0]"): the address is "t.n" or "data.t.n".
  const addressOf = (context?: string) => context?.match(/^(?:resource\.)?((?:data\.)?[^.[]+\.[^.[]+)/)?.[1];
  return (JSON.parse(stdout).diagnostics ?? []).map((d: Json) => ({ ...d, address: addressOf(d.snippet?.context) }));
}
