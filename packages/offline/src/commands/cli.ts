// The project's commands read their flags through this: node's parseArgs, a `--help` that
// prints the usage line, every flag and every variable the command reads, and a wrong flag
// answered with its message and the usage (exit 2) before anything runs.
import { parseArgs } from "node:util";

export interface Flag {
  readonly type: "boolean" | "string";
  /** What it does; shown by --help. */
  readonly description: string;
  /** For string flags: what to write in its place, e.g. "REF". */
  readonly value?: string;
  readonly short?: string;
  readonly default?: boolean | string;
}

export interface CommandSpec<F extends Record<string, Flag>> {
  /** "npm run access": how the user calls it. */
  readonly name: string;
  /** One line: what the command does. */
  readonly summary: string;
  /** After the name: "[--markdown | --write] [--diff REF]". */
  readonly usage: string;
  readonly flags: F;
  /** Environment variables the command reads, and what each does. */
  readonly variables?: Readonly<Record<string, string>>;
  /** Positional arguments are passed on (npm run local's cdktf command). */
  readonly positionals?: { readonly name: string; readonly description: string };
}

type Values<F extends Record<string, Flag>> = {
  [K in keyof F]: F[K]["type"] extends "boolean" ? boolean : F[K]["default"] extends string ? string : string | undefined;
};

export function helpText(spec: CommandSpec<Record<string, Flag>>): string {
  const rows: [string, string][] = Object.entries(spec.flags).map(([name, flag]) => [
    `${flag.short ? `-${flag.short}, ` : ""}--${name}${flag.type === "string" ? ` ${flag.value ?? "VALUE"}` : ""}`,
    `${flag.description}${flag.default !== undefined && flag.default !== false ? ` (default: ${flag.default})` : ""}`,
  ]);
  rows.push(["-h, --help", "print this help"]);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = [`usage: ${spec.name} ${spec.usage}`.trimEnd(), "", spec.summary, ""];
  if (spec.positionals) lines.push(`${spec.positionals.name}: ${spec.positionals.description}`, "");
  lines.push("flags:", ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`));
  const variables = Object.entries(spec.variables ?? {});
  if (variables.length > 0) {
    const w = Math.max(...variables.map(([name]) => name.length)) + 2;
    lines.push("", "variables:", ...variables.map(([name, what]) => `  ${name.padEnd(w)}${what}`));
  }
  return `${lines.join("\n")}\n`;
}

/** The command's flags (and positionals); exits after --help, or with 2 on a flag it does not know. */
export function readCommand<F extends Record<string, Flag>>(
  spec: CommandSpec<F>,
  argv: readonly string[] = process.argv.slice(2),
): { flags: Values<F>; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(spec.flags).map(([name, f]) => [
      name,
      { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.default !== undefined ? { default: f.default } : {}) },
    ]),
  );
  // npm run local passes everything after its own flags to cdktf, --help included.
  if (argv[0] === "--help" || argv[0] === "-h" || (!spec.positionals && (argv.includes("--help") || argv.includes("-h")))) {
    process.stdout.write(helpText(spec));
    process.exit(0);
  }
  try {
    const parsed = parseArgs({ args: [...argv], options: options as never, strict: true, allowPositionals: !!spec.positionals, tokens: false });
    return { flags: parsed.values as Values<F>, positionals: parsed.positionals };
  } catch (err) {
    process.stderr.write(`${spec.name}: ${(err as Error).message}\nusage: ${spec.name} ${spec.usage}\n(${spec.name} -- --help for the flags)\n`);
    process.exit(2);
  }
}
