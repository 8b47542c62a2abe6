// The example values a model starts with (the seed's and the template's tenant placeholder,
// their example.com identifier, SPA URLs and API domain) that must not reach a real deploy.
// A production synth names each one still there, with what to set instead; any other synth
// says nothing, since the same values serve `npm start` and the tests.
import type { ParsedAccessModel } from "./schema";

/** Second-level names reserved for documentation (RFC 2606 section 3): no one can own them. */
const EXAMPLE_DOMAINS = ["example.com", "example.net", "example.org"];
/** Top-level names reserved for tests and examples (RFC 2606 section 2; "localhost" is refused in production already). */
const EXAMPLE_TLDS = ["example", "test", "invalid"];
/** The placeholder tenants: "your-tenant.eu.auth0.com", "your-prod-tenant.eu.auth0.com". */
const PLACEHOLDER_LABEL = /^your-/;

/** Whether `host` is a reserved example name or a placeholder no one's tenant or zone is called. */
export function isExampleHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  const labels = name.split(".");
  if (PLACEHOLDER_LABEL.test(labels[0])) return true;
  if (EXAMPLE_TLDS.includes(labels[labels.length - 1])) return true;
  return EXAMPLE_DOMAINS.some((domain) => name === domain || name.endsWith(`.${domain}`));
}

/** The host of a URL or URI, or undefined when it names none (an identifier need not be a URL). */
function hostOf(value: string): string | undefined {
  try {
    return new URL(value).hostname || undefined;
  } catch {
    return undefined;
  }
}

export interface ExampleValueInput {
  /** The model with the chosen environment's overrides applied. */
  readonly model: ParsedAccessModel;
  /** The chosen environment; only a production one is checked. */
  readonly environment?: { readonly production: boolean };
  /** The tenant domain this synth uses, and the field or variable it came from. */
  readonly tenant: { readonly domain: string; readonly field: string };
  /** The field a value of the merged model was written in (EnvironmentSelection.fieldOf). */
  fieldOf(path: "tenant.customDomain" | "domain" | `spa.${"callbackUrls" | "logoutUrls" | "webOrigins"}`): string;
}

/** One warning per example value a production synth would deploy, naming its field and what to set. */
export function exampleValueWarnings(input: ExampleValueInput): string[] {
  if (!input.environment?.production) return [];
  const { model, tenant } = input;
  const warnings: string[] = [];
  const found = (field: string, value: string, set: string) =>
    warnings.push(`${field}: ${JSON.stringify(value)} is an example value, not one of yours; before deploying to production, ${set}`);

  if (isExampleHost(tenant.domain)) found(tenant.field, tenant.domain, "set your production tenant's domain (or AUTH0_DOMAIN)");
  const customDomain = model.tenant.customDomain;
  if (customDomain && isExampleHost(customDomain)) {
    found(
      input.fieldOf("tenant.customDomain"),
      customDomain,
      "set the custom domain your production tenant logs in through, or leave customDomain out",
    );
  }
  const identifierHost = hostOf(model.api.identifier);
  if (identifierHost && isExampleHost(identifierHost)) {
    found(
      "api.identifier",
      model.api.identifier,
      "set a URI of your own: it becomes every token's audience, and changing it later replaces the Auth0 API and refuses every token issued for the old one",
    );
  }
  for (const list of ["callbackUrls", "logoutUrls", "webOrigins"] as const) {
    model.spa[list].forEach((url, i) => {
      const host = hostOf(url);
      if (host && isExampleHost(host)) found(`${input.fieldOf(`spa.${list}`)}[${i}]`, url, "set your single-page application's own URL");
    });
  }
  if (model.domain) {
    const field = input.fieldOf("domain");
    if (isExampleHost(model.domain.name)) found(`${field}.name`, model.domain.name, "set the host name your clients will call");
    if (isExampleHost(model.domain.hostedZone)) {
      found(`${field}.hostedZone`, model.domain.hostedZone, "set the public Route 53 hosted zone of your account that holds that name");
    }
  }
  if (model.externalTenant) {
    const issuerHost = hostOf(model.externalTenant.issuer);
    if (issuerHost && isExampleHost(issuerHost)) found("externalTenant.issuer", model.externalTenant.issuer, "set your tenant's issuer");
    const audienceHost = hostOf(model.externalTenant.audience);
    if (audienceHost && isExampleHost(audienceHost)) found("externalTenant.audience", model.externalTenant.audience, "set your API's identifier");
  }
  return warnings;
}
