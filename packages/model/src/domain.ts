// The API on the team's own domain: what the model's `domain` settings must satisfy besides
// their shape (schema.ts), checked for every environment in one run, and the warning a
// production environment without one gets.
import type { DomainSettings, ParsedAccessModel } from "./schema";

/** One declared domain and the field it was written in ("domain" or "environments.prod.domain"). */
interface DeclaredDomain {
  readonly field: string;
  readonly domain: DomainSettings;
}

/** Every domain the model declares with a name and a zone: the top-level one and each environment's own. */
export function declaredDomains(declared: Pick<ParsedAccessModel, "domain" | "environments">): DeclaredDomain[] {
  const own = Object.entries(declared.environments ?? {}).map(([name, env]) => ({ field: `environments.${name}.domain`, domain: env.domain }));
  // A model the schema refused may hold half a domain: the schema said what is missing.
  return [{ field: "domain", domain: declared.domain }, ...own].filter((d): d is DeclaredDomain => readable(d.domain));
}

const readable = (domain: DomainSettings | undefined): domain is DomainSettings =>
  typeof domain?.name === "string" && typeof domain.hostedZone === "string";

/** Whether `name` is the zone's apex or a name below it. */
export const isInZone = (name: string, zone: string) => name === zone || name.endsWith(`.${zone}`);

export interface DomainCheckInput {
  /** The model as declared, before any environment's overrides. */
  readonly declared: ParsedAccessModel;
  /** The chosen environment, when the model declares environments. */
  readonly environment?: { readonly name: string; readonly production: boolean };
  /** The domain the synth serves (the chosen environment's, else the top-level one). */
  readonly domain?: DomainSettings;
  /** The field that domain came from. */
  readonly field: string;
  /** AWS_REGION (or AWS_DEFAULT_REGION) of this synth, when set: a REGIONAL domain's certificate must be there. */
  readonly region?: string;
}

/** What stops a synth: a name outside its zone, two environments on one name, a certificate in another region. */
export function domainProblems(input: DomainCheckInput): string[] {
  const problems: string[] = [];
  for (const { field, domain } of declaredDomains(input.declared)) {
    if (!isInZone(domain.name, domain.hostedZone)) {
      const parent = domain.name.split(".").slice(1).join(".");
      problems.push(
        `${field}.name: ${JSON.stringify(domain.name)} is not inside the hosted zone ${JSON.stringify(domain.hostedZone)}, so its records cannot be written there; use a name ending in ".${domain.hostedZone}", or the zone that holds it (e.g. hostedZone: "${parent}")`,
      );
    }
  }
  problems.push(...sharedNameProblems(input.declared));
  const arnRegion = input.domain?.certificateArn?.split(":")[3];
  if (input.region && arnRegion && arnRegion !== input.region) {
    problems.push(
      `${input.field}.certificateArn: the certificate is in ${arnRegion}, but the API deploys to ${input.region} (AWS_REGION); a REGIONAL custom domain takes a certificate of its own region. Request or import one in ${input.region}, or leave certificateArn out to have the stack request it`,
    );
  }
  return problems;
}

/**
 * A custom domain name exists once per account and region (the second CreateDomainName is
 * refused) and its alias records point to one API: environments that would serve one name are
 * refused, the later one named.
 */
function sharedNameProblems(declared: ParsedAccessModel): string[] {
  const environments = Object.entries(declared.environments ?? {});
  const served = environments.flatMap(([name, env]) => {
    const domain = env.domain ?? declared.domain;
    return readable(domain) ? [{ name, host: domain.name, field: env.domain ? `environments.${name}.domain.name` : "domain.name" }] : [];
  });
  return served.flatMap((env, i) => {
    const earlier = served.slice(0, i).find((other) => other.host === env.host);
    if (!earlier) return [];
    const inherited = env.field === "domain.name" ? " (both inherit the top-level domain)" : "";
    return [
      `${env.field}: environments ${JSON.stringify(earlier.name)} and ${JSON.stringify(env.name)} would both serve ${JSON.stringify(env.host)}${inherited}; a custom domain name exists once per AWS account and region, and its records point to one API. Give each environment a host name of its own in environments.<name>.domain`,
    ];
  });
}

/** What deserves a look: a production environment still served at its execute-api URL. */
export function domainWarnings(input: DomainCheckInput): string[] {
  const env = input.environment;
  if (!env?.production || input.domain) return [];
  return [
    `environments.${env.name}.domain: production environment ${JSON.stringify(env.name)} has no domain, so clients call its execute-api URL, an AWS host name that changes whenever the API is replaced; set environments.${env.name}.domain to serve it at https://<your host name> (see docs/DOMAIN.md)`,
  ];
}
