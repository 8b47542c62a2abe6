// A route key, "GET /reports/{month}", as a value: parsed once, and the one place that
// derives what other names come from it.
import { createHash } from "node:crypto";

/** The methods an HTTP API route key may name (the model allows fewer: HTTP_METHODS). */
export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

/** Lambda permission statement ids: [A-Za-z0-9_-], at most 100 characters. */
const MAX_STATEMENT_ID = 100;

/**
 * Writes `text` over [A-Za-z0-9_-] so that different texts never give the same name:
 * letters and digits stay, `/` becomes `separator`, and everything else (the other of `_`
 * and `-` included) is escaped behind `escape`. Common paths keep their readable form:
 * "/unicorn" → "_unicorn".
 */
function injective(text: string, separator: "_" | "-", keep = ""): string {
  const escapeWith = separator === "_" ? "-" : "_";
  const named: Record<string, string> = {
    [escapeWith]: escapeWith + escapeWith,
    [separator]: `${escapeWith}u`,
    "{": `${escapeWith}o`,
    "}": `${escapeWith}c`,
    "+": `${escapeWith}p`,
    "*": `${escapeWith}s`,
    ".": `${escapeWith}d`,
  };
  let out = "";
  for (const c of text) {
    if (/[A-Za-z0-9]/.test(c) || keep.includes(c)) out += c;
    else if (c === "/") out += separator;
    else out += named[c] ?? `${escapeWith}x${c.codePointAt(0)!.toString(16)}${escapeWith}`;
  }
  return out;
}

export class RouteKey {
  private constructor(
    readonly method: RouteMethod,
    /** "/reports/{month}" */
    readonly path: string,
  ) {}

  static of(method: string, path: string): RouteKey {
    const m = method.toUpperCase();
    if (!(ROUTE_METHODS as readonly string[]).includes(m))
      throw new Error(`route method ${JSON.stringify(method)} must be one of ${ROUTE_METHODS.join(", ")}`);
    if (!path.startsWith("/") || /\s/.test(path)) throw new Error(`route path ${JSON.stringify(path)} must start with "/" and hold no whitespace`);
    return new RouteKey(m as RouteMethod, path);
  }

  /** "GET /path", as API Gateway writes route keys. */
  static parse(text: string): RouteKey {
    const match = /^(\S+) (\/\S*)$/.exec(text);
    if (!match) throw new Error(`route key ${JSON.stringify(text)} must look like "GET /path"`);
    return RouteKey.of(match[1], match[2]);
  }

  toString(): string {
    return `${this.method} ${this.path}`;
  }

  equals(other: RouteKey): boolean {
    return this.toString() === other.toString();
  }

  /** The path as execute-api ARNs name it: each path parameter matches any one segment. */
  get arnPath(): string {
    return this.path.replace(/\{[^}]+\}/g, "*");
  }

  /**
   * What API Gateway compares to find conflicting routes: parameter names do not count, so
   * "GET /a/{x}" and "GET /a/{y}" are the same route to it.
   */
  get shape(): string {
    return `${this.method} ${this.path.replace(/\{[^}+]+\}/g, "{}").replace(/\{[^}]+\+\}/g, "{+}")}`;
  }

  /**
   * A construct id no other route key gives: "GET /unicorn" → "GET_unicorn",
   * "GET /a_b" → "GET_a-ub" ≠ "GET /a/b" → "GET_a_b". Braces stay, as they always have.
   */
  get constructId(): string {
    return `${this.method}${injective(this.path, "_", "{}")}`;
  }

  /**
   * The Lambda permission's statement id, unique per distinct route shape:
   * "GET /unicorn" → "apigw-GET-unicorn", "GET /a-b" → "apigw-GET-a_ub" ≠ "GET /a/b" → "apigw-GET-a-b".
   */
  get statementId(): string {
    const id = `apigw-${this.method}${injective(this.arnPath, "-")}`;
    if (id.length <= MAX_STATEMENT_ID) return id;
    const hash = createHash("sha256").update(id).digest("hex").slice(0, 12);
    return `${id.slice(0, MAX_STATEMENT_ID - hash.length - 1)}-${hash}`;
  }
}
