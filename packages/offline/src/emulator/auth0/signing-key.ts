// The tenant's RS256 key, made at start (or the local cloud's tenant's, kept across starts): it signs every token the stand-in issues and is
// published as the JWKS, with its thumbprint as kid (as Auth0's keys have one).
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK } from "jose";

export class SigningKey {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly jwks: { keys: JWK[] },
  ) {}

  static async create(kept?: Record<string, unknown>): Promise<SigningKey> {
    if (kept) return SigningKey.from(kept);
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    return new SigningKey(privateKey as CryptoKey, publicKey as CryptoKey, { keys: [{ ...jwk, kid, alg: "RS256", use: "sig" }] });
  }

  /** The tenant's kept key (a private JWK): tokens it signed before a restart still verify after. */
  private static async from(jwk: Record<string, unknown>): Promise<SigningKey> {
    const privateKey = (await importJWK(jwk as JWK, "RS256")) as CryptoKey;
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk as JWK;
    const publicKey = (await importJWK(pub, "RS256")) as CryptoKey;
    const kid = await calculateJwkThumbprint(pub);
    return new SigningKey(privateKey, publicKey, { keys: [{ ...pub, kid, alg: "RS256", use: "sig" }] });
  }

  sign(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.jwks.keys[0].kid, ...header }).sign(this.privateKey);
  }

  /** The claims of a token this key signed for `issuer`, valid at `now`; undefined for any other. */
  async verify(token: string, issuer: string, now: number): Promise<Record<string, unknown> | undefined> {
    try {
      return (await jwtVerify(token, this.publicKey, { issuer, algorithms: ["RS256"], currentDate: new Date(now * 1000) })).payload;
    } catch {
      return undefined;
    }
  }
}
