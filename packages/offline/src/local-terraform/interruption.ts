// What a local run that was interrupted left: which stacks terraform changed before the stop,
// and which one was cut off, read from each stack's state (its serial grows with every write),
// so the user knows that running the command again resumes it.
import { STACKS } from "@apigw-auth0-rbac/model";
import type { LocalState } from "./state";

export type StackSerials = ReadonlyMap<string, number | undefined>;

/** The stacks a cdktf command works on, in the order it works on them (destroy: dependents first). */
export function stacksOf(args: readonly string[]): string[] {
  const named = args.slice(1).filter((a) => (STACKS as readonly string[]).includes(a));
  const ordered = STACKS.filter((s) => named.length === 0 || named.includes(s));
  return args[0] === "destroy" ? [...ordered].reverse() : ordered;
}

/** Each stack's state serial now (undefined: no state yet, or none that can be read). */
export async function stateSerials(state: LocalState, stacks: readonly string[]): Promise<StackSerials> {
  return new Map(await Promise.all(stacks.map(async (stack) => [stack, serialOf(await state.read(stack).catch(() => undefined))] as const)));
}

function serialOf(text: string | undefined): number | undefined {
  try {
    const serial = JSON.parse(text ?? "").serial;
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
