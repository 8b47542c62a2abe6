// The URL validators' unit tests (internal/validation/validation_test.go at v1.55.0), each value
// set on an attribute the validator guards: IsURLWithHTTPSorEmptyString on addons.rms.url,
// IsHTTPSURLOrEmptyStringWithDynamicLoginURIPlaceholders on initiate_login_uri.
import { auth0Test, literal, NOT_A_STRING } from "../sources";
import type { ProviderTestCase, ProviderTestFile } from "../types";

const rms = (url: string) => `resource "auth0_client" "client" {
  name     = "Provider test {{name}}"
  app_type = "sso_integration"
  addons {
    rms {
      url = ${JSON.stringify(url)}
    }
  }
}`;
const initiate = (url: string) => `resource "auth0_client" "client" {
  name               = "Provider test {{name}}"
  initiate_login_uri = ${JSON.stringify(url)}
}`;
const KEY = '"addons.0.rms.0.url"';
const refused = (test: string, step: number, hcl: string, message: string): ProviderTestCase => ({
  test,
  step,
  kind: "validator",
  hcl,
  expect: { phase: "plan", pattern: literal(message) },
});
const accepted = (test: string, step: number, hcl: string): ProviderTestCase => ({ test, step, kind: "validator", hcl, expect: { phase: "none" } });
const HTTPS = "TestIsURLWithHTTPSorEmptyString";
const PLACEHOLDERS = "TestIsHTTPSURLOrEmptyStringWithDynamicLoginURIPlaceholders";

export const VALIDATION: ProviderTestFile = {
  provider: "auth0",
  resource: "auth0_client",
  source: auth0Test("internal/validation/validation_test.go"),
  cases: [
    ...["http://example.com", "http://example.com/foo", "http://example.com#foo"].map((url, i) =>
      refused(HTTPS, i + 1, rms(url), `expected ${KEY} to have a url with schema of: "https", got ${url}`),
    ),
    accepted(HTTPS, 4, rms("https://example.com/foo")),
    accepted(HTTPS, 5, rms("https://example.com#foo")),
    accepted(HTTPS, 6, rms("")),
    refused(HTTPS, 7, rms("broken/url"), `expected ${KEY} to have a host, got broken/url`),
    { test: HTTPS, step: 8, kind: "validator", expect: { phase: "plan" }, notRunnable: NOT_A_STRING },
    refused(
      HTTPS,
      9,
      rms("://example.com"),
      `expected ${KEY} to be a valid url, got ://example.com: parse "://example.com": missing protocol scheme`,
    ),
    accepted(PLACEHOLDERS, 1, initiate("https://example.com/foo")),
    accepted(PLACEHOLDERS, 2, initiate("")),
    accepted(PLACEHOLDERS, 3, initiate("https://{organization.metadata.public_login_host}")),
    accepted(PLACEHOLDERS, 4, initiate("https://{organization.metadata.public_login_host}/login")),
    accepted(PLACEHOLDERS, 5, initiate("https://{custom_domain.metadata.public_app_host}/login")),
    accepted(PLACEHOLDERS, 6, initiate("https://{organization.metadata.PUBLIC_login_host}/login")),
    accepted(PLACEHOLDERS, 7, initiate("https://{custom_domain.metadata.PUBLIC_app_host}")),
    ...[
      [8, "https://{organization.metadata.Public_login_host}"],
      [11, "https://{organization.metadata.no_public_prefix}"],
      [12, "https://{unsupported.metadata.public_x}"],
    ].map(([step, url]) =>
      refused(
        PLACEHOLDERS,
        step as number,
        initiate(url as string),
        `expected "initiate_login_uri" to be a valid url, got ${url}: parse "${url}": invalid character "{" in host name`,
      ),
    ),
    accepted(PLACEHOLDERS, 9, initiate("https://{custom_domain.metadata.public_app_host}/o/{organization.metadata.public_login_host}")),
    refused(
      PLACEHOLDERS,
      10,
      initiate("http://{organization.metadata.public_login_host}"),
      'expected "initiate_login_uri" to have a url with schema of: "https", got http://{organization.metadata.public_login_host}',
    ),
    { test: PLACEHOLDERS, step: 13, kind: "validator", expect: { phase: "plan" }, notRunnable: NOT_A_STRING },
  ],
};
