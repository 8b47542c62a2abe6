// The stand-in's token rules when two requests arrive at the same moment, not one after the
// other: a code exchanged twice, a rotated refresh token used twice. Each pair is fired
// together, so the second arrives while the first is still being signed.
import type { StandInClient } from "../../src/emulator/auth0/standin";
import type { LocalSystem } from "../../src/emulator/local-system";
import { authorizeUrl, openLoginForm, pkce, postToken, submitLogin } from "../helpers/browser-flow";
import { startProbeSystem } from "../helpers/probe-system";

let system: LocalSystem;
let spa: StandInClient;
const ROUNDS = 10;

beforeAll(async () => {
  system = await startProbeSystem({ serveSpa: false });
  spa = system.auth0.clients.find((c) => c.appType === "spa")!;
});
afterAll(() => system?.close());

const reader = () => system.auth0.users.find((u) => u.roles.includes("reader"))!;

/** A fresh code and its verifier, through the login form. */
async function freshCode(): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkce();
  const form = await openLoginForm(authorizeUrl(system, spa, { code_challenge: challenge }));
  const back = await submitLogin(system, form, { username: reader().email, password: reader().password });
  return { code: new URL(back.location!).searchParams.get("code")!, verifier };
}

const exchange = (code: string, verifier: string) =>
  postToken(system, { grant_type: "authorization_code", client_id: spa.clientId, code, code_verifier: verifier, redirect_uri: spa.callbacks[0] });
const refresh = (refreshToken: string) => postToken(system, { grant_type: "refresh_token", client_id: spa.clientId, refresh_token: refreshToken });

describe("at the same moment", () => {
  it(`a code exchanged twice gives one answer, and revokes what it gave (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { code, verifier } = await freshCode();
      const answers = await Promise.all([exchange(code, verifier), exchange(code, verifier)]);
      const statuses = answers.map((a) => a.status).sort();
      expect([round, statuses]).toEqual([round, [200, 403]]);
      const winner = answers.find((a) => a.status === 200)!;
      expect(winner.body.refresh_token).toEqual(expect.any(String));
      expect([round, (await refresh(winner.body.refresh_token)).body]).toEqual([
        round,
        { error: "invalid_grant", error_description: "Unknown or invalid refresh token." },
      ]);
    }
  });

  it(`a rotated refresh token used twice gives one new token, and the family dies with it (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { code, verifier } = await freshCode();
      const first = (await exchange(code, verifier)).body.refresh_token as string;
      const answers = await Promise.all([refresh(first), refresh(first)]);
      expect([round, answers.map((a) => a.status).sort()]).toEqual([round, [200, 403]]);
      const rotated = answers.find((a) => a.status === 200)!.body.refresh_token as string;
      expect(rotated).not.toBe(first);
      expect([round, (await refresh(rotated)).status]).toEqual([round, 403]);
    }
  });
});
