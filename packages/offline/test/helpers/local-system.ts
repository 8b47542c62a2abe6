import { startLocalSystem, type LocalSystem } from "../../src/emulator/local-system";
import { standInToken } from "../../src/emulator/auth0/token-client";
import { fetchResolvingToLoopback } from "../../src/emulator/http/loopback";
import type { SynthesizedProject } from "./synth";

/** The system for a synthesized fixture; its handlers' log lines are not the test run's output. */
export async function startSystemFor(project: SynthesizedProject, options: { accessLog?: (line: string) => void } = {}): Promise<LocalSystem> {
  return startLocalSystem({ outdir: project.outdir, accessLog: options.accessLog, functionLog: () => undefined });
}

export interface TokenResponse {
  readonly status: number;
  readonly body: Record<string, any>;
}

/** The stand-in's token endpoint, called as a client would. */
export async function requestToken(
  system: LocalSystem,
  params: Record<string, string | undefined>,
  encoding: "json" | "form" = "json",
): Promise<TokenResponse> {
  const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Record<string, string>;
  const reach = fetchResolvingToLoopback(system.auth0.customDomain ? [system.auth0.customDomain] : []);
  const response = await reach(`${system.auth0.issuer}oauth/token`, {
    method: "POST",
    headers: { "content-type": encoding === "json" ? "application/json" : "application/x-www-form-urlencoded" },
    body: encoding === "json" ? JSON.stringify(defined) : new URLSearchParams(defined).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** A password-grant token for the demo user holding `role`, requesting every API scope. */
export async function tokenForRole(system: LocalSystem, role: string, scope?: string): Promise<string> {
  const user = system.auth0.users.find((u) => u.roles.includes(role));
  if (!user) throw new Error(`no demo user holds ${role}`);
  return standInToken(system.auth0, user, scope ?? ["openid", ...system.tenant.api.scopes].join(" "));
}

/** Status of a request to the emulated API. */
export async function call(
  system: LocalSystem,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(`${system.api.url}${path}`, { method, headers });
  return { status: response.status, body: await response.text(), headers: response.headers };
}
