// Diagnostics as terraform shows them: a problem at its attribute path, or an error of the whole call.
import type { Problem } from "../provider";
import type { Diagnostic } from "../rpc";

function diagnostic(problem: Problem, severity: "ERROR" | "WARNING" = "ERROR"): Diagnostic {
  return {
    severity,
    summary: problem.summary,
    detail: problem.detail ?? "",
    attribute: problem.path.length
      ? { steps: problem.path.map((s) => (typeof s === "number" ? { element_key_int: s } : { attribute_name: s })) }
      : undefined,
  };
}

export const errorDiagnostic = (summary: string, detail = ""): Diagnostic => diagnostic({ path: [], summary, detail });

/** The catalogue's problems as a response's diagnostics, one each. */
export const problemDiagnostics = (problems: readonly Problem[]) => ({ diagnostics: problems.map((p) => diagnostic(p)) });
