// A browser's steps through the stand-in's login, without a browser.
import { createHash, randomBytes } from "node:crypto";
import { request } from "node:http";
import type { LocalSystem } from "../../src/emulator/local-system";
import type { StandInClient } from "../../src/emulator/auth0/standin";

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

/** A login form as a browser holds it: the form's transaction and the cookie that came with it. */
export interface LoginForm {
  readonly txn: string;
  /** `name=value`, for the Cookie header of the form's post. */
  readonly cookie: string;
}

/** Opens the login form for an authorize URL, as a browser would (keeping its cookie). */
export async function openLoginForm(url: string, cookie?: string): Promise<LoginForm> {
  const form = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
  if (form.status !== 200) throw new Error(`authorize answered ${form.status}: ${form.headers.get("location") ?? (await form.text())}`);
  const txn = /name="txn" value="([^"]+)"/.exec(await form.text())![1];
  return { txn, cookie: (form.headers.get("set-cookie") ?? "").split(";")[0] };
}

export interface FormAnswer {
  readonly status: number;
  readonly location?: string;
  readonly body: string;
}

/**
 * Posts the login form with `fields` from the browser that opened it, from `localAddress`
 * (another loopback address is another client IP); `headers` override the browser's.
 */
export function submitLogin(
  system: LocalSystem,
  form: LoginForm,
  fields: { username: string; password: string },
  localAddress = "127.0.0.1",
  headers: Record<string, string> = {},
): Promise<FormAnswer> {
  const body = new URLSearchParams({ txn: form.txn, ...fields }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      `${system.auth0.issuer}u/login`,
      {
        method: "POST",
        localAddress,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": String(Buffer.byteLength(body)),
          cookie: form.cookie,
          ...headers,
        },
      },
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
