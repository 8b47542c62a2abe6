// The `api` object an Action gets, per trigger, as Auth0 documents it (Actions triggers,
// post-login and credentials-exchange "API object" pages). It records each call as data for the
// stand-in, which decides what the calls do to the tokens and the user; methods that do not run
// offline fail the execution naming themselves, rather than pretend to have done something.
import type { ServedTrigger } from "../../deployment/description";
import type { ApiCall } from "./protocol";

/** "invalid_scope", "invalid_request", "server_error": the codes api.access.deny takes (credentials-exchange API object). */
export const CREDENTIALS_EXCHANGE_DENY_CODES = ["invalid_scope", "invalid_request", "server_error"] as const;

/** Documented post-login methods the stand-in does not run (each needs a browser, a factor or a feature it does not have). */
const POST_LOGIN_UNSERVED: Record<string, readonly string[]> = {
  authentication: ["challengeWith", "challengeWithAny", "enrollWith", "enrollWithAny", "recordMethod", "setPrimaryUser"],
  multifactor: ["enable"],
  redirect: ["encodeToken", "sendUserTo", "validateToken"],
  prompt: ["render"],
  refreshToken: ["revoke", "setExpiresAt", "setIdleExpiresAt"],
  session: ["revoke", "setExpiresAt", "setIdleExpiresAt", "setMetadata", "deleteMetadata", "evictMetadata"],
  samlResponse: ["setAttribute", "setAudience", "setRecipient", "setCreateUpnClaim", "setPassthroughClaimsWithNoMapping"],
  transaction: ["setMetadata", "deleteMetadata", "setResultUrl"],
};
const CREDENTIALS_EXCHANGE_UNSERVED: Record<string, readonly string[]> = {
  transaction: ["addTargetScope", "removeTargetScope", "setTargetScopes", "clearTargetScopes"],
};

/** Actions limitations, Cached data: keys of 64 bytes, values of 4 kB, 20 entries, 8 kB in all. */
const CACHE = { keyBytes: 64, valueBytes: 4096, entries: 20, totalBytes: 8192 } as const;

export interface RecordingApi {
  readonly api: Record<string, unknown>;
  /** Whether this Action called api.access.deny (the execution stops after it). */
  denied(): boolean;
}

export function apiFor(trigger: ServedTrigger, action: string, calls: ApiCall[], cache: Map<string, string>): RecordingApi {
  let denied = false;
  const api: Record<string, unknown> = {};
  // Every documented setter "returns a reference to the api object", so calls chain.
  const record = (method: string, ...args: unknown[]) => {
    calls.push({ action, method, args });
    return api;
  };
  const claimSetter = (token: string) => (name: unknown, value: unknown) => record(`${token}.setCustomClaim`, String(name), asJson(value));
  Object.assign(api, {
    accessToken: { setCustomClaim: claimSetter("accessToken") },
    cache: cacheApi(cache),
  });
  if (trigger === "post-login") {
    Object.assign(api, {
      access: {
        deny: (reason: unknown) => {
          denied = true;
          return record("access.deny", String(reason));
        },
      },
      idToken: { setCustomClaim: claimSetter("idToken") },
      user: {
        setAppMetadata: (key: unknown, value: unknown) => record("user.setAppMetadata", String(key), asJson(value) ?? null),
        setUserMetadata: (key: unknown, value: unknown) => record("user.setUserMetadata", String(key), asJson(value) ?? null),
      },
      // "Certain protocols such as oauth2-resource-owner, oauth2-refresh-token do not support
      // redirecting": the stand-in's login form cannot redirect anywhere either.
      redirect: { canRedirect: () => false },
    });
    Object.assign(api.accessToken as object, {
      addScope: (scope: unknown) => record("accessToken.addScope", String(scope)),
      removeScope: (scope: unknown) => record("accessToken.removeScope", String(scope)),
    });
    addUnserved(api, POST_LOGIN_UNSERVED);
  } else {
    Object.assign(api, {
      access: {
        deny: (code: unknown, reason?: unknown) => {
          if (!(CREDENTIALS_EXCHANGE_DENY_CODES as readonly unknown[]).includes(code)) {
            throw new TypeError(
              `api.access.deny: the code must be one of ${CREDENTIALS_EXCHANGE_DENY_CODES.join(", ")}, not ${JSON.stringify(code)}`,
            );
          }
          denied = true;
          return record("access.deny", code, reason === undefined ? undefined : String(reason));
        },
      },
    });
    addUnserved(api, CREDENTIALS_EXCHANGE_UNSERVED);
  }
  return { api, denied: () => denied };
}

/** The value as it will be in the token or the profile: JSON (a value JSON cannot hold throws here, in the Action). */
function asJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

function addUnserved(api: Record<string, unknown>, unserved: Record<string, readonly string[]>): void {
  for (const [namespace, methods] of Object.entries(unserved)) {
    if (!api[namespace]) api[namespace] = {};
    const target = api[namespace] as Record<string, unknown>;
    for (const method of methods) {
      target[method] = () => {
        throw new Error(`api.${namespace}.${method}() does not run offline: the Auth0 stand-in does not serve it (docs/ACTIONS.md)`);
      };
    }
  }
}

/** api.cache for one execution, within the documented limits; what does not fit is not kept (the cache guarantees nothing more). */
function cacheApi(cache: Map<string, string>) {
  const bytes = (text: string) => Buffer.byteLength(text);
  const total = () => [...cache].reduce((sum, [k, v]) => sum + bytes(k) + bytes(v), 0);
  return {
    get: (key: unknown) => {
      const value = cache.get(String(key));
      return value === undefined ? undefined : { value };
    },
    set: (key: unknown, value: unknown) => {
      const [k, v] = [String(key), String(value)];
      const others = total() - (cache.has(k) ? bytes(k) + bytes(cache.get(k)!) : 0);
      const fits =
        bytes(k) <= CACHE.keyBytes &&
        bytes(v) <= CACHE.valueBytes &&
        (cache.has(k) || cache.size < CACHE.entries) &&
        others + bytes(k) + bytes(v) <= CACHE.totalBytes;
      if (fits) cache.set(k, v);
    },
    delete: (key: unknown) => {
      cache.delete(String(key));
    },
  };
}
