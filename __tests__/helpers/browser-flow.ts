// A browser's steps through the stand-in's login, without a browser.
import { createHash, randomBytes } from "node:crypto";
import { request } from "node:http";
import type { LocalSystem } from "../../emulator/local-system";
import type { StandInClient } from "../../emulator/auth0-standin";

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function authorizeUrl(system: LocalSystem, client: StandInClient, params: Record<string, string | undefined> = {}): string {
  const all: Record<string, string | undefined> = {
    client_id: client.clientId,
    redirect_uri: client.callbacks[0],
    response_type: "code",
    state: "state-123",
    nonce: "nonce-456",
    audience: system.auth0.audience,
    scope: ["openid", "profile", "email", "offline_access", ...system.tenant.api.scopes].join(" "),
    code_challenge: pkce().challenge,
    code_challenge_method: "S256",
    ...params,
  };
  const url = new URL(`${system.auth0.issuer}authorize`);
  for (const [k, v] of Object.entries(all)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** The login form's transaction id for an authorize URL. */
export async function openLoginForm(url: string): Promise<string> {
  const form = await fetch(url, { redirect: "manual" });
  if (form.status !== 200) throw new Error(`authorize answered ${form.status}: ${form.headers.get("location") ?? (await form.text())}`);
  return /name="txn" value="([^"]+)"/.exec(await form.text())![1];
}

export interface FormAnswer {
  readonly status: number;
  readonly location?: string;
  readonly body: string;
}

/** Posts the login form, from `localAddress` (another loopback address is another client IP). */
export function submitLogin(system: LocalSystem, form: Record<string, string>, localAddress = "127.0.0.1"): Promise<FormAnswer> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      `${system.auth0.issuer}u/login`,
      { method: "POST", localAddress, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)) } },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, location: res.headers.location, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A token-endpoint request as JSON, from `localAddress`. */
export function postToken(system: LocalSystem, params: Record<string, string>, localAddress = "127.0.0.1"): Promise<{ status: number; body: any }> {
  const body = JSON.stringify(params);
  return new Promise((resolve, reject) => {
    const req = request(
      `${system.auth0.issuer}oauth/token`,
      { method: "POST", localAddress, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
