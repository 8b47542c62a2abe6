// Go's url.Parse (src/go-url.ts) and the auth0 provider's URL validators built on it, against the
// provider's own validator tests (internal/validation/validation_test.go at v1.55.0) and the
// errors Go's net/url gives.
import { baseVars, failuresOf, renderMessage } from "../src/catalogue/checks";
import type { Check } from "../src/catalogue/types";
import { goParseUrl, GoUrlError } from "../src/go-url";

/** The validator's errors as the provider prints them for the key "theTestURL". */
function providerErrors(check: Check, value: string): string[] {
  return failuresOf(check, value).map((f) => renderMessage("{err}", { ...baseVars("theTestURL", value, check), ...f }));
}
const https: Check = { type: "https-url-or-empty" };
const placeholders: Check = { type: "https-url-or-empty", loginPlaceholders: true };
const parseError = (raw: string) => {
  try {
    goParseUrl(raw);
    return undefined;
  } catch (err) {
    if (err instanceof GoUrlError) return err.message;
    throw err;
  }
};

describe("IsURLWithHTTPSorEmptyString, as TestIsURLWithHTTPSorEmptyString words it", () => {
  it.each([
    ["http://example.com", 'expected "theTestURL" to have a url with schema of: "https", got http://example.com'],
    ["http://example.com/foo", 'expected "theTestURL" to have a url with schema of: "https", got http://example.com/foo'],
    ["http://example.com#foo", 'expected "theTestURL" to have a url with schema of: "https", got http://example.com#foo'],
    ["broken/url", 'expected "theTestURL" to have a host, got broken/url'],
    ["://example.com", 'expected "theTestURL" to be a valid url, got ://example.com: parse "://example.com": missing protocol scheme'],
  ])("refuses %s", (value, error) => {
    expect(providerErrors(https, value)).toEqual([error]);
  });

  it.each(["https://example.com/foo", "https://example.com#foo", ""])("accepts %j", (value) => {
    expect(providerErrors(https, value)).toEqual([]);
  });
});

describe("IsHTTPSURLOrEmptyStringWithDynamicLoginURIPlaceholders, as its test words it", () => {
  it.each([
    "https://example.com/foo",
    "",
    "https://{organization.metadata.public_login_host}",
    "https://{organization.metadata.public_login_host}/login",
    "https://{custom_domain.metadata.public_app_host}/login",
    "https://{organization.metadata.PUBLIC_login_host}/login",
    "https://{custom_domain.metadata.PUBLIC_app_host}",
    "https://{custom_domain.metadata.public_app_host}/o/{organization.metadata.public_login_host}",
  ])("accepts %j", (value) => {
    expect(providerErrors(placeholders, value)).toEqual([]);
  });

  it.each([
    "https://{organization.metadata.Public_login_host}",
    "https://{organization.metadata.no_public_prefix}",
    "https://{unsupported.metadata.public_x}",
  ])("refuses %s: a { in the host", (value) => {
    expect(providerErrors(placeholders, value)).toEqual([
      `expected "theTestURL" to be a valid url, got ${value}: parse "${value}": invalid character "{" in host name`,
    ]);
  });

  it("refuses http even with a placeholder", () => {
    expect(providerErrors(placeholders, "http://{organization.metadata.public_login_host}")).toEqual([
      'expected "theTestURL" to have a url with schema of: "https", got http://{organization.metadata.public_login_host}',
    ]);
  });

  it("fills no placeholder named inside the value itself", () => {
    expect(providerErrors(https, "https://{value}/")).toEqual([
      'expected "theTestURL" to be a valid url, got https://{value}/: parse "https://{value}/": invalid character "{" in host name',
    ]);
  });
});

describe("url.Parse's errors, worded as Go's net/url words them", () => {
  it.each([
    ["://x", 'parse "://x": missing protocol scheme'],
    [":", 'parse ":": missing protocol scheme'],
    ["1a:b/x", 'parse "1a:b/x": first path segment in URL cannot contain colon'],
    ["https://a{b}/", 'parse "https://a{b}/": invalid character "{" in host name'],
    ["https://a b/", 'parse "https://a b/": invalid character " " in host name'],
    ["https://exa|mple.com", 'parse "https://exa|mple.com": invalid character "|" in host name'],
    ["https://example.com:abc/x", 'parse "https://example.com:abc/x": invalid port ":abc" after host'],
    ["https://ü@example.com/", 'parse "https://ü@example.com/": net/url: invalid userinfo'],
    ["https://us%zzer@example.com/", 'parse "https://us%zzer@example.com/": invalid URL escape "%zz"'],
    ["https://example.com/%zz", 'parse "https://example.com/%zz": invalid URL escape "%zz"'],
    ["https://example.com/%zé", 'parse "https://example.com/%zé": invalid URL escape "%z\\xc3"'],
    ["https://example.com/%4", 'parse "https://example.com/%4": invalid URL escape "%4"'],
    ["https://ex%41mple.com/", 'parse "https://ex%41mple.com/": invalid URL escape "%41"'],
    ["https://example.com/\n", 'parse "https://example.com/\\n": net/url: invalid control character in URL'],
    ["https://[::1/", "parse \"https://[::1/\": missing ']' in host"],
    ["https://[::1]x/", 'parse "https://[::1]x/": invalid port "x" after host'],
    ["https://a[::1]/", 'parse "https://a[::1]/": invalid IP-literal'],
    ["https://[1.2.3.4]/", 'parse "https://[1.2.3.4]/": invalid IP-literal'],
    ["https://[v1.x]/", 'parse "https://[v1.x]/": invalid host: ParseAddr("v1.x"): unexpected character (at "v1.x")'],
    ["https://[fe80]/", 'parse "https://[fe80]/": invalid host: ParseAddr("fe80"): unable to parse IP'],
    ["https://[1::2::3]/", 'parse "https://[1::2::3]/": invalid host: ParseAddr("1::2::3"): multiple :: in address (at ":3")'],
    ["https://[1:2]/", 'parse "https://[1:2]/": invalid host: ParseAddr("1:2"): address string too short'],
    ["https://[fe80::1%25]/", 'parse "https://[fe80::1%25]/": invalid host: ParseAddr("fe80::1%"): zone must be a non-empty string'],
    ["https://[fe80::1%25%0A]/", 'parse "https://[fe80::1%25%0A]/": invalid URL escape "%0A"'],
    ["https://example.com#%zz", 'parse "https://example.com#%zz": invalid URL escape "%zz"'],
  ])("refuses %j", (raw, error) => {
    expect(parseError(raw)).toBe(error);
  });

  it.each([
    ["https://example.com", "https", "example.com"],
    ["HTTPS://Example.com:8443/a?b#c", "https", "Example.com:8443"],
    ["https://user:pa%20ss@example.com/", "https", "example.com"],
    ["https://[::1]:80/", "https", "[::1]:80"],
    // Go 1.25 takes the last colon's port only (the strict check of colons in a host came in Go 1.26).
    ["https://example.com:80:80/", "https", "example.com:80:80"],
    ["https://[fe80::1%25en0]/", "https", "[fe80::1%en0]"],
    ["https://[::ffff:1.2.3.4]/", "https", "[::ffff:1.2.3.4]"],
    ["https://ex%C3%A4mple.com/", "https", "exämple.com"],
    ["https://a'b!$&()*+,;=.com/", "https", "a'b!$&()*+,;=.com"],
    ["https:example.com", "https", ""],
    ["//example.com/x", "", "example.com"],
    ["example.com/x", "", ""],
    ["https://", "https", ""],
    ["*", "", ""],
  ])("parses %j: scheme %j, host %j", (raw, scheme, host) => {
    expect(goParseUrl(raw)).toMatchObject({ scheme, host });
  });
});
