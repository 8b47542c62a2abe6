// A port from the environment, checked before anything listens.
import { CommandError } from "./command";

/** The port `variable` names, or `fallback` when it is unset; 0 means any free port. */
export function portSetting(variable: string, fallback: number, env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env[variable];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new CommandError(`${variable}=${raw} is not a port; use a number from 1 to 65535 (0: any free port)`);
  }
  return value;
}
