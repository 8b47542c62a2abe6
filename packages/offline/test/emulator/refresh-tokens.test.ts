// How the stand-in keeps refresh tokens: per user and application, at most Auth0's 200 active
// ones, and nothing per rotation, so no user's activity can push out another's.
import { MAX_ACTIVE_REFRESH_TOKENS, RefreshTokens } from "../../src/emulator/auth0/refresh-tokens";

const clock = 1_800_000_000;
const family = (userId: string, clientId = "spa") => ({
  userId,
  clientId,
  scope: ["openid", "offline_access"],
  lifetimeSeconds: 3600,
  idleLifetimeSeconds: 600,
});

it(`keeps a user's ${MAX_ACTIVE_REFRESH_TOKENS} newest tokens per application, revoking the oldest, and nobody else's`, () => {
  const store = new RefreshTokens(() => clock);
  const other = store.issue(family("auth0|other")).token;
  const otherApp = store.issue(family("auth0|busy", "cli")).token;
  const tokens = Array.from({ length: MAX_ACTIVE_REFRESH_TOKENS + 1 }, () => store.issue(family("auth0|busy")).token);
  expect(store.exchange(tokens[0], "spa", false, 600).kind).toBe("invalid");
  expect(store.exchange(tokens[1], "spa", false, 600).kind).toBe("valid");
  expect(store.exchange(other, "spa", false, 600).kind).toBe("valid");
  expect(store.exchange(otherApp, "cli", false, 600).kind).toBe("valid");
  expect(store.size).toBe(MAX_ACTIVE_REFRESH_TOKENS + 2);
});

it("holds one entry per family however often it rotates, and still knows every rotated token of it", () => {
  const store = new RefreshTokens(() => clock);
  let { token } = store.issue(family("auth0|busy"));
  const spent: string[] = [];
  for (let i = 0; i < 10_100; i++) {
    const next = store.exchange(token, "spa", true, 600);
    if (next.kind !== "valid") throw new Error(`rotation ${i}: ${next.kind}`);
    spent.push(token);
    token = next.token;
  }
  expect(store.size).toBe(1);
  expect(store.exchange(spent[0], "spa", true, 600).kind).toBe("reused");
  expect(store.exchange(token, "spa", true, 600).kind).toBe("invalid");
  expect(store.size).toBe(0);
});

it("refuses a token of another client, an altered one, and one past its idle or absolute lifetime", () => {
  let now = clock;
  const store = new RefreshTokens(() => now);
  const { token } = store.issue(family("auth0|a"));
  expect(store.exchange(token, "cli", false, 600).kind).toBe("invalid");
  const [id, generation, mac] = token.split(".");
  expect(store.exchange(`${id}.${Number(generation) + 1}.${mac}`, "spa", false, 600).kind).toBe("invalid");
  expect(store.exchange(`${id}.${generation}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`, "spa", false, 600).kind).toBe("invalid");
  now += 599;
  expect(store.exchange(token, "spa", false, 600).kind).toBe("valid");
  now += 600;
  expect(store.exchange(token, "spa", false, 600).kind).toBe("invalid");
});
