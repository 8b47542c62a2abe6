// What a local run that was interrupted left: which stacks terraform changed before the stop,
// and which one was cut off, read from each stack's state (its serial grows with every write),
// so the user knows that running the command again resumes it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { STACKS } from "@apigw-auth0-rbac/model";
import type { LocalLayout } from "./layout";

export type StackSerials = ReadonlyMap<string, number | undefined>;

/** The stacks a cdktf command works on, in the order it works on them (destroy: dependents first). */
export function stacksOf(args: readonly string[]): string[] {
  const named = args.slice(1).filter((a) => (STACKS as readonly string[]).includes(a));
  const ordered = STACKS.filter((s) => named.length === 0 || named.includes(s));
  return args[0] === "destroy" ? [...ordered].reverse() : ordered;
}

/** Each stack's state serial now (undefined: no state yet). */
export function stateSerials(layout: LocalLayout, environment: string | undefined, stacks: readonly string[]): StackSerials {
  return new Map(stacks.map((stack) => [stack, serialOf(join(layout.stateDir(environment), `terraform.${stack}.tfstate`))]));
}

function serialOf(file: string): number | undefined {
  try {
    const serial = JSON.parse(readFileSync(file, "utf8")).serial;
    return typeof serial === "number" ? serial : undefined;
  } catch {
    return undefined;
  }
}

/** What to tell the user after an interrupted `command`, from the serials before and after it. */
export function interruptionText(command: readonly string[], before: StackSerials, after: StackSerials): string {
  const stacks = [...before.keys()];
  const changed = stacks.filter((s) => after.get(s) !== before.get(s));
  // The last stack that changed may have been stopped part-way; else the first one that did not change never finished.
  const lastChanged = stacks.indexOf(changed[changed.length - 1]);
  const cutOff = changed.length === 0 ? stacks[0] : (stacks[lastChanged + 1] ?? stacks[lastChanged]);
  const lines = [
    `\nnpm run local: interrupted; the ${cutOff} stack was cut off.`,
    changed.length ? `  changed before the stop: ${changed.join(", ")} (its state holds what terraform applied)` : "  no stack's state changed",
    `  run the same command again to resume: npm run local -- ${command.join(" ")}`,
    "  (terraform plans from each stack's state, so it does only what is left)",
  ];
  return `${lines.join("\n")}\n`;
}
