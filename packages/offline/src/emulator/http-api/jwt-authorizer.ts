// API Gateway's HTTP API JWT authorizer, point by point as docs/AUTHORIZER-SPEC.md lists
// it. Verifying signatures and fetching and caching the keys are jose's; this file sets the
// bounds AWS documents for them and decides what AWS would answer.
import {
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type CryptoKey,
  type JWTPayload,
  type JWTVerifyOptions,
} from "jose";
import { LRUCache } from "lru-cache";
import { LIMITS } from "@apigw-auth0-rbac/model";
import type { FetchLike } from "../http/loopback";
import { headerSafe } from "../http/util";

export interface JwtAuthorizerConfig {
  /** Must equal the token's `iss` exactly. */
  readonly issuer: string;
  /** At least one must appear in the token's `aud` (or equal `client_id` when there is no `aud`). */
  readonly audience: readonly string[];
  /** Lower-case header the token is read from. */
  readonly identityHeader: string;
  /** @default VERIFIED_TOKEN_CACHE_SIZE */
  readonly verifiedTokenCacheSize?: number;
  /**
   * How the issuer's discovery document and keys are fetched. @default fetch. The local system
   * reaches the stand-in's custom domain with it (http/loopback.ts), where AWS would use DNS.
   */
  readonly fetch?: FetchLike;
}

export type AuthorizerDecision =
  | { readonly allowed: true; readonly claims: JWTPayload; readonly scopes: readonly string[] }
  | {
      readonly allowed: false;
      readonly status: 401 | 403;
      readonly body: { readonly message: string };
      readonly headers: Readonly<Record<string, string>>;
      /** What `$context.authorizer.error` logs. */
      readonly error: string;
      /** Present when the token was valid but lacked a scope (a 403): the log still names the caller. */
      readonly claims?: JWTPayload;
    };

const RSA_ALGORITHMS = ["RS256", "RS384", "RS512"];
/** AWS gives discovery and JWKS 1.5 s, and refuses a JWKS over 150,000 bytes. */
const FETCH_TIMEOUT_MS = 1500;
export const MAX_JWKS_BYTES = 150_000;
/**
 * "API Gateway caches the public key for two hours" (HTTP API JWT authorizer,
 * "Authorizing API requests", step 3).
 */
const KEY_CACHE_SECONDS = 7200;
/** Unknown kids trigger a re-fetch, but not more often than this (so garbage cannot DoS the issuer). */
export const REFETCH_COOLDOWN_SECONDS = 30;
/**
 * Tokens whose signature, issuer and audience were verified, kept so a token seen again
 * costs a map lookup instead of an RSA verification. Time claims are checked on every use.
 */
const VERIFIED_TOKEN_CACHE_SIZE = 1000;

interface VerifiedToken {
  readonly claims: JWTPayload;
  readonly scopes: readonly string[];
}

type KeyGetter = ReturnType<typeof createRemoteJWKSet>;

class KeySetUnavailable extends Error {}

export class JwtAuthorizer {
  private remote?: Promise<KeyGetter>;
  private readonly verified: LRUCache<string, VerifiedToken>;
  private readonly fetch: FetchLike;

  constructor(
    readonly config: JwtAuthorizerConfig,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    if (config.audience.length === 0 || config.audience.length > LIMITS.audiencesPerAuthorizer) {
      throw new Error(`a JWT authorizer needs 1 to ${LIMITS.audiencesPerAuthorizer} audiences, got ${config.audience.length}`);
    }
    this.verified = new LRUCache({ max: config.verifiedTokenCacheSize ?? VERIFIED_TOKEN_CACHE_SIZE });
    this.fetch = config.fetch ?? fetch;
  }

  async authorize(headers: Readonly<Record<string, string | string[] | undefined>>, routeScopes: readonly string[]): Promise<AuthorizerDecision> {
    const raw = headers[this.config.identityHeader];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (!value) return unauthorized("the request has no token");
    const token = /^bearer\s+/i.test(value) ? value.replace(/^bearer\s+/i, "") : value;

    const cached = this.verified.get(token);
    if (cached) {
      const expired = this.timeProblem(cached.claims);
      if (!expired) return this.decide(cached, routeScopes);
      this.verified.delete(token);
      return unauthorized(expired);
    }
    const outcome = await this.verify(token);
    if ("problem" in outcome) return unauthorized(outcome.problem);
    this.verified.set(token, outcome);
    return this.decide(outcome, routeScopes);
  }

  /** How many verified tokens are remembered (bounded by VERIFIED_TOKEN_CACHE_SIZE). */
  get cachedTokens(): number {
    return this.verified.size;
  }

  /** Steps 2–5 of the spec: signature with a key named by `kid`, time claims, issuer, audience. */
  private async verify(token: string): Promise<VerifiedToken | { problem: string }> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      return { problem: "the token is malformed" };
    }
    const alg = header.alg;
    if (!alg || !RSA_ALGORITHMS.includes(alg)) return { problem: `signing method ${alg ?? "none"} is invalid` };
    // AWS looks the key up by kid; jose alone would also accept a kid-less token when the JWKS has one key.
    if (typeof header.kid !== "string" || header.kid === "") return { problem: "the token has no kid" };

    let claims: JWTPayload;
    try {
      claims = await this.verifySignature(token);
    } catch (err) {
      return { problem: describe(err) };
    }
    if (claims.iss !== this.config.issuer) return { problem: `the token's issuer ${JSON.stringify(claims.iss ?? "")} is not the expected issuer` };
    const timeProblem = this.timeProblem(claims);
    if (timeProblem) return { problem: timeProblem };
    if (!this.audienceMatches(claims)) return { problem: "the token does not have a valid audience" };
    return { claims, scopes: tokenScopes(claims) };
  }

  /**
   * The signature, with the key the token's `kid` names. AWS asks for "the key in the
   * jwks_uri that signed the token" (HTTP API JWT authorizer, "Authorizing API requests"):
   * when the JWKS holds several keys under that kid, the one that verifies is that key.
   */
  private async verifySignature(token: string): Promise<JWTPayload> {
    const options: JWTVerifyOptions = { algorithms: RSA_ALGORITHMS, requiredClaims: ["exp"], currentDate: new Date(this.now() * 1000) };
    try {
      return (await jwtVerify(token, (h: Parameters<KeyGetter>[0], jws: Parameters<KeyGetter>[1]) => this.key(h, jws), options)).payload;
    } catch (err) {
      if (!(err instanceof errors.JWKSMultipleMatchingKeys)) throw err;
      let last: unknown = err;
      for await (const key of err as errors.JWKSMultipleMatchingKeys & AsyncIterable<CryptoKey>) {
        try {
          return (await jwtVerify(token, key, options)).payload;
        } catch (failed) {
          last = failed;
        }
      }
      throw last;
    }
  }

  /** `exp` in the future, `nbf` and `iat` not: checked again each time a cached token is used. */
  private timeProblem(claims: JWTPayload): string | undefined {
    const now = this.now();
    if (typeof claims.exp !== "number" || claims.exp <= now) return "the token has expired";
    if (typeof claims.nbf === "number" && claims.nbf > now) return "the token is not valid yet";
    if (typeof claims.iat === "number" && claims.iat > now) return "the token was issued in the future";
    return undefined;
  }

  /** Step 6: at least one of the route's scopes. */
  private decide({ claims, scopes }: VerifiedToken, routeScopes: readonly string[]): AuthorizerDecision {
    if (routeScopes.length > 0 && !routeScopes.some((s) => scopes.includes(s))) {
      return {
        allowed: false,
        status: 403,
        body: { message: "Forbidden" },
        headers: {},
        error: `the token holds none of the route's scopes (${routeScopes.join(", ")})`,
        claims,
      };
    }
    return { allowed: true, claims, scopes };
  }

  private audienceMatches(claims: JWTPayload): boolean {
    if (claims.aud !== undefined) {
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      return audiences.some((a) => this.config.audience.includes(a));
    }
    return typeof claims.client_id === "string" && this.config.audience.includes(claims.client_id);
  }

  /**
   * The issuer's key set, as jose keeps a remote one: cached for AWS's two hours, fetched
   * again for an unknown `kid` at most once per cooldown, each fetch within AWS's time and
   * size limits. The JWKS location comes from the discovery document once, as AWS records
   * it when the authorizer is created.
   */
  private key(header: Parameters<KeyGetter>[0], jws: Parameters<KeyGetter>[1]) {
    this.remote ??= discoverJwksUri(this.config.issuer, this.fetch)
      .then((uri) =>
        createRemoteJWKSet(new URL(uri), {
          timeoutDuration: FETCH_TIMEOUT_MS,
          cooldownDuration: REFETCH_COOLDOWN_SECONDS * 1000,
          cacheMaxAge: KEY_CACHE_SECONDS * 1000,
          [customFetch]: (url: string, options: RequestInit) => this.fetchKeySet(url, options),
        }),
      )
      .catch((err) => {
        this.remote = undefined;
        throw err;
      });
    return this.remote.then((keys) => keys(header, jws));
  }

  /** One fetch of the JWKS: refused past 150,000 bytes; what the old keys verified is verified again. */
  private async fetchKeySet(url: string, options: RequestInit): Promise<Response> {
    const response = await this.fetch(url, { ...options, redirect: "error" });
    const body = await response.arrayBuffer();
    if (body.byteLength > MAX_JWKS_BYTES) throw new KeySetUnavailable(`${url} is larger than ${MAX_JWKS_BYTES} bytes`);
    // A key may have been withdrawn.
    this.verified.clear();
    return new Response(body, { status: response.status, headers: response.headers });
  }
}

/** The discovery document's jwks_uri, within AWS's time and size limits. */
async function discoverJwksUri(issuer: string, fetchDocument: FetchLike): Promise<string> {
  const discovery = await fetchJson(`${issuer}${issuer.endsWith("/") ? "" : "/"}.well-known/openid-configuration`, fetchDocument);
  if (typeof discovery.jwks_uri !== "string") throw new KeySetUnavailable("the discovery document has no jwks_uri");
  return discovery.jwks_uri;
}

async function fetchJson(url: string, fetchDocument: FetchLike, maxBytes = MAX_JWKS_BYTES): Promise<any> {
  let response: Response;
  try {
    response = await fetchDocument(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "error" });
  } catch (err) {
    throw new KeySetUnavailable(`${url} did not answer within ${FETCH_TIMEOUT_MS} ms (${(err as Error).message})`);
  }
  if (!response.ok) throw new KeySetUnavailable(`${url} answered ${response.status}`);
  const body = await response.arrayBuffer();
  if (body.byteLength > maxBytes) throw new KeySetUnavailable(`${url} is larger than ${maxBytes} bytes`);
  return JSON.parse(Buffer.from(body).toString("utf8"));
}

/** The token's scopes, from `scope` (space-separated) and `scp` (string or array). */
function tokenScopes(claims: JWTPayload): string[] {
  const fromScope = typeof claims.scope === "string" ? claims.scope.split(" ") : [];
  const scp = claims.scp;
  const fromScp = typeof scp === "string" ? scp.split(" ") : Array.isArray(scp) ? scp.filter((s): s is string => typeof s === "string") : [];
  return [...new Set([...fromScope, ...fromScp].filter(Boolean))];
}

function describe(err: unknown): string {
  if (err instanceof errors.JWTExpired) return "the token has expired";
  if (err instanceof errors.JWTClaimValidationFailed && err.claim === "nbf") return "the token is not valid yet";
  if (err instanceof errors.JWKSNoMatchingKey) return "no key of the issuer's JWKS matches the token's kid";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "the token's signature is invalid";
  if (err instanceof errors.JOSEAlgNotAllowed) return "the token's signing method is invalid";
  if (err instanceof KeySetUnavailable) return `the issuer's keys could not be fetched: ${err.message}`;
  if (err instanceof errors.JWKSTimeout) return `the issuer's keys could not be fetched: no answer within ${FETCH_TIMEOUT_MS} ms`;
  if (err instanceof errors.JWKSInvalid) return `the issuer's keys could not be fetched: ${err.message}`;
  if (err instanceof errors.JWTInvalid || err instanceof errors.JWSInvalid) return "the token is malformed";
  if (err instanceof errors.JWTClaimValidationFailed) return `the token's ${err.claim} claim is invalid`;
  // jose's word for a JWKS answer other than 200.
  if (err instanceof errors.JOSEError && err.code === "ERR_JOSE_GENERIC") return `the issuer's keys could not be fetched: ${err.message}`;
  return "the token could not be verified";
}

function unauthorized(description: string): AuthorizerDecision {
  // The description may quote the token (its alg, its issuer): never raw into a header.
  const safe = headerSafe(description);
  return {
    allowed: false,
    status: 401,
    body: { message: "Unauthorized" },
    headers: { "www-authenticate": `Bearer scope="" error="invalid_token" error_description="${safe}"` },
    error: description,
  };
}
