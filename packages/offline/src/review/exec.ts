// Child processes for the review, run asynchronously so that the base's terraform and the
// head's synth and access measurement can share the machine's two cores.
import { stripVTControlCharacters } from "node:util";
import { spawn } from "node:child_process";

export interface ExecResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** @default 180 s: a terraform command of ours takes a few seconds; past this, something hangs. */
  readonly timeoutMs?: number;
  readonly shell?: boolean;
}

/** Runs a command to its end, never throwing for its exit code (status -1: it could not start or was killed). */
export function exec(command: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      shell: options.shell,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGTERM"), options.timeoutMs ?? 180_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ status: -1, stdout, stderr: `${stderr}${err.message}` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? -1, stdout, stderr });
    });
  });
}

/** The ANSI colours and carriage returns a CLI may print even when asked not to. */
const plainText = (text: string) => stripVTControlCharacters(text).replace(/\r/g, "");

/** The last lines of a failed command's output: enough to say why, short enough for a comment. */
export function tail(result: ExecResult, lines = 12): string {
  const text = plainText(`${result.stderr}\n${result.stdout}`)
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "");
  return text.slice(-lines).join("\n") || `(no output, exit ${result.status})`;
}
