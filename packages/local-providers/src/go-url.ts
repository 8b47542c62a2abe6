// Go's net/url.Parse, as far as the providers' URL validators use it: the scheme, the host and the
// error a malformed URL gives, worded as Go words it (`parse "<url>": <reason>`). Read from Go's
// src/net/url/url.go (Parse, parse, getScheme, parseAuthority, parseHost, unescape, shouldEscape,
// validOptionalPort, validUserinfo, setPath, setFragment) and src/net/netip/netip.go (ParseAddr, the
// bracketed host's check since CVE-2025-47912), in the state of go1.25.8, the Go auth0/auth0
// v1.55.0 is built with (its go.mod). Only what a validator reads is kept: scheme, opaque, host.
import { goQuote } from "./catalogue/go-format";

export interface GoUrl {
  /** Lower case, as Go keeps it. */
  readonly scheme: string;
  readonly opaque: string;
  /** host[:port], unescaped. */
  readonly host: string;
}

/** A URL Go refuses: `error` is url.Error's text, `parse "<url>": <reason>`. */
export class GoUrlError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`parse ${goQuote(url)}: ${reason}`);
    this.name = "GoUrlError";
  }
}

/** url.Parse: the URL's parts, or the error Go returns (thrown). */
export function goParseUrl(raw: string): GoUrl {
  const hash = raw.indexOf("#");
  const [before, fragment] = hash < 0 ? [raw, ""] : [raw.slice(0, hash), raw.slice(hash + 1)];
  const url = parseOrThrow(before, before);
  // setFragment unescapes in encodeFragment mode: only a bad %-escape can fail, and names the whole URL.
  if (fragment !== "") unescapeOrThrow(fragment, "fragment", raw);
  return url;
}

function parseOrThrow(raw: string, shown: string): GoUrl {
  const result = parse(raw);
  if (typeof result === "string") throw new GoUrlError(shown, result);
  return result;
}

/** parse(rawURL, viaRequest=false): the URL, or the reason it is refused. */
function parse(raw: string): GoUrl | string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stringContainsCTLByte refuses exactly these bytes
  if (/[\x00-\x1f\x7f]/.test(raw)) return "net/url: invalid control character in URL";
  if (raw === "*") return { scheme: "", opaque: "", host: "" };
  const split = schemeOf(raw);
  if (typeof split === "string") return split;
  const scheme = split.scheme.toLowerCase();
  let rest = split.rest;
  if (rest.endsWith("?") && rest.split("?").length === 2) rest = rest.slice(0, -1);
  else rest = rest.split("?")[0];
  if (!rest.startsWith("/")) {
    // A rootless path after a scheme is opaque (RFC 3986).
    if (scheme !== "") return { scheme, opaque: rest, host: "" };
    // golang.org/issue/16822: "cache_object:foo/bar" is no relative path.
    if (rest.split("/")[0].includes(":")) return "first path segment in URL cannot contain colon";
  }
  let host = "";
  if ((scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    const authority = rest.slice(2);
    const slash = authority.indexOf("/");
    const parsed = parseAuthority(slash < 0 ? authority : authority.slice(0, slash));
    if (parsed.error !== undefined) return parsed.error;
    host = parsed.host;
    rest = slash < 0 ? "" : authority.slice(slash);
  }
  // setPath: the path is unescaped in encodePath mode.
  const path = goUnescape(rest, "path");
  if (path.error !== undefined) return path.error;
  return { scheme, opaque: "", host };
}

/** getScheme: [a-zA-Z][a-zA-Z0-9+-.]* before a ":" is a scheme; a ":" first is an error. */
function schemeOf(raw: string): { scheme: string; rest: string } | string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: "", rest: raw };
      continue;
    }
    if (c === ":") return i === 0 ? "missing protocol scheme" : { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    break;
  }
  return { scheme: "", rest: raw };
}

/** parseAuthority: the host after the last "@"; the user information before it, checked. */
function parseAuthority(authority: string): { host: string; error?: undefined } | { error: string } {
  const at = authority.lastIndexOf("@");
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (typeof host !== "string") return host;
  if (at < 0) return { host };
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return { error: "net/url: invalid userinfo" };
  for (const part of userinfo.includes(":") ? [userinfo.slice(0, userinfo.indexOf(":")), userinfo.slice(userinfo.indexOf(":") + 1)] : [userinfo]) {
    const unescaped = goUnescape(part, "userinfo");
    if (unescaped.error !== undefined) return { error: unescaped.error };
  }
  return { host };
}

/** parseHost: a bracketed IPv6 literal (an IPv6 address only, since Go 1.25.2), or a name with an optional numeric port. */
function parseHost(host: string): string | { error: string } {
  const open = host.lastIndexOf("[");
  if (open > 0) return { error: "invalid IP-literal" };
  if (open === 0) {
    const close = host.lastIndexOf("]");
    if (close < 0) return { error: "missing ']' in host" };
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) return { error: `invalid port ${goQuote(colonPort)} after host` };
    const port = goUnescape(colonPort, "host");
    if (port.error !== undefined) return { error: port.error };
    const hostname = host.slice(1, close);
    // RFC 6874: "%25" starts a zone, which may %-escape more than a host name may.
    const zone = hostname.indexOf("%25");
    const name = goUnescape(zone < 0 ? hostname : hostname.slice(0, zone), "host");
    if (name.error !== undefined) return { error: name.error };
    const zonePart = zone < 0 ? { value: "" } : goUnescape(hostname.slice(zone), "zone");
    if (zonePart.error !== undefined) return { error: zonePart.error };
    const address = name.value + zonePart.value;
    const parsed = parseAddr(address);
    if (parsed.error !== undefined) return { error: `invalid host: ${parsed.error}` };
    if (parsed.is4) return { error: "invalid IP-literal" };
    return `[${address}]${port.value}`;
  }
  const colon = host.lastIndexOf(":");
  if (colon >= 0 && !validOptionalPort(host.slice(colon))) return { error: `invalid port ${goQuote(host.slice(colon))} after host` };
  const unescaped = goUnescape(host, "host");
  return unescaped.error !== undefined ? { error: unescaped.error } : unescaped.value;
}

const validOptionalPort = (port: string) => port === "" || /^:[0-9]*$/.test(port);

type Mode = "path" | "host" | "zone" | "userinfo" | "fragment";

/** The sub-delimiters (and more) shouldEscape leaves alone in a host (encodeHost, encodeZone). */
const HOST_SAFE = "!$&'()*+,;=:[]<>\"";

/** shouldEscape(c, encodeHost): what a host may not hold unescaped (ASCII bytes only). */
const hostMustEscape = (c: string) => !/[a-zA-Z0-9]/.test(c) && !HOST_SAFE.includes(c) && !"-_.~".includes(c);

/**
 * url.unescape: every "%" must start two hex digits (else `invalid URL escape "%.."`); a host may
 * %-escape only bytes from 0x80 (and "%25"), and may not hold what shouldEscape escapes
 * (`invalid character "{" in host name`).
 */
function goUnescape(s: string, mode: Mode): { value: string; error?: undefined } | { error: string; value?: undefined } {
  const bytes = Buffer.from(s, "utf8");
  const text = (from: number, to: number) => goQuoteBytes(bytes.subarray(from, to));
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b === 0x25) {
      if (i + 2 >= bytes.length || !isHex(bytes[i + 1]) || !isHex(bytes[i + 2])) return { error: `invalid URL escape ${text(i, i + 3)}` };
      const escaped = bytes.subarray(i, i + 3).toString("latin1");
      if (mode === "host" && hexValue(bytes[i + 1]) < 8 && escaped !== "%25") return { error: `invalid URL escape ${text(i, i + 3)}` };
      if (mode === "zone") {
        const v = (hexValue(bytes[i + 1]) << 4) | hexValue(bytes[i + 2]);
        // shouldEscape(v, encodeHost) holds for every byte from 0x80 too.
        if (escaped !== "%25" && v !== 0x20 && (v >= 0x80 || hostMustEscape(String.fromCharCode(v))))
          return { error: `invalid URL escape ${text(i, i + 3)}` };
      }
      i += 3;
      continue;
    }
    if ((mode === "host" || mode === "zone") && b < 0x80 && hostMustEscape(String.fromCharCode(b)))
      return { error: `invalid character ${goQuote(String.fromCharCode(b))} in host name` };
    i++;
  }
  return { value: decodePercent(bytes) };
}

/** strconv.Quote of bytes that need not be valid UTF-8: an invalid byte as \x.. */
function goQuoteBytes(bytes: Buffer): string {
  const decoded = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (!decoded.includes("\ufffd")) return goQuote(decoded);
  let out = "";
  for (const b of bytes) out += b < 0x80 ? goQuote(String.fromCharCode(b)).slice(1, -1) : `\\x${b.toString(16).padStart(2, "0")}`;
  return `"${out}"`;
}

const isHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
const hexValue = (b: number) => (b <= 0x39 ? b - 0x30 : b <= 0x46 ? b - 0x41 + 10 : b - 0x61 + 10);

function decodePercent(bytes: Buffer): string {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x25) {
      out.push((hexValue(bytes[i + 1]) << 4) | hexValue(bytes[i + 2]));
      i += 2;
    } else out.push(bytes[i]);
  }
  return Buffer.from(out).toString("utf8");
}

function unescapeOrThrow(s: string, mode: Mode, shown: string): void {
  const result = goUnescape(s, mode);
  if (result.error !== undefined) throw new GoUrlError(shown, result.error);
}

/** netip.ParseAddr: whether `s` is an IPv4 address, or the error Go gives. */
function parseAddr(s: string): { is4: boolean; error?: undefined } | { error: string; is4?: undefined } {
  for (const c of s) {
    if (c === ".") return withError(s, parseIPv4(s), true);
    if (c === ":") return withError(s, parseIPv6(s), false);
    if (c === "%") return { error: addrError(s, "missing IPv6 address") };
  }
  return { error: addrError(s, "unable to parse IP") };
}

function withError(s: string, failure: AddrFailure | undefined, is4: boolean) {
  return failure ? { error: addrError(s, failure.msg, failure.at) } : { is4 };
}

interface AddrFailure {
  readonly msg: string;
  readonly at?: string;
}

/** parseAddrError.Error(): `ParseAddr("<in>"): <msg>` and ` (at "<rest>")` when it says where. */
const addrError = (input: string, msg: string, at?: string) => `ParseAddr(${goQuote(input)}): ${msg}${at ? ` (at ${goQuote(at)})` : ""}`;

function parseIPv4(s: string): AddrFailure | undefined {
  let value = 0;
  let fields = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c >= "0" && c <= "9") {
      if (digits === 1 && value === 0) return { msg: "IPv4 field has octet with leading zero" };
      value = value * 10 + Number(c);
      digits++;
      if (value > 255) return { msg: "IPv4 field has value >255" };
    } else if (c === ".") {
      if (i === 0 || i === s.length - 1 || s[i - 1] === ".") return { msg: "IPv4 field must have at least one digit", at: s.slice(i) };
      if (fields === 3) return { msg: "IPv4 address too long" };
      fields++;
      value = 0;
      digits = 0;
    } else return { msg: "unexpected character", at: s.slice(i) };
  }
  return fields < 3 ? { msg: "IPv4 address too short" } : undefined;
}

function parseIPv6(input: string): AddrFailure | undefined {
  let s = input;
  const zone = s.indexOf("%");
  if (zone >= 0) {
    if (zone === s.length - 1) return { msg: "zone must be a non-empty string" };
    s = s.slice(0, zone);
  }
  let ellipsis = -1;
  if (s.startsWith("::")) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === "") return undefined;
  }
  let i = 0;
  while (i < 16) {
    const hex = /^[0-9a-fA-F]*/.exec(s)![0];
    let value = 0;
    for (let off = 0; off < hex.length; off++) {
      value = value * 16 + Number.parseInt(hex[off], 16);
      if (value > 0xffff) return { msg: "IPv6 field has value >=2^16", at: s };
    }
    if (hex.length === 0) return { msg: "each colon-separated field must have at least one digit", at: s };
    if (s[hex.length] === ".") {
      if (ellipsis < 0 && i !== 12) return { msg: "embedded IPv4 address must replace the final 2 fields of the address", at: s };
      if (i + 4 > 16) return { msg: "too many hex fields to fit an embedded IPv4 at the end of the address", at: s };
      const v4 = parseIPv4(s);
      if (v4) return { msg: addrError(s, v4.msg, v4.at), at: s };
      s = "";
      i += 4;
      break;
    }
    i += 2;
    s = s.slice(hex.length);
    if (s === "") break;
    if (s[0] !== ":") return { msg: "unexpected character, want colon", at: s };
    if (s.length === 1) return { msg: "colon must be followed by more characters", at: s };
    s = s.slice(1);
    if (s[0] === ":") {
      if (ellipsis >= 0) return { msg: "multiple :: in address", at: s };
      ellipsis = i;
      s = s.slice(1);
      if (s === "") break;
    }
  }
  if (s !== "") return { msg: "trailing garbage after address", at: s };
  if (i < 16 && ellipsis < 0) return { msg: "address string too short" };
  if (i >= 16 && ellipsis >= 0) return { msg: "the :: must expand to at least one field of zeros" };
  return undefined;
}
