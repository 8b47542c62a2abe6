// The tenant's Auth0 custom domain: what the model's `customDomain` settings must satisfy
// besides their shape (schema.ts), checked for every tenant the model declares in one run.
import type { ParsedAccessModel } from "./schema";

/** A tenant the model declares (the top-level one, or an environment's own) and the field it is written in. */
interface DeclaredTenant {
  readonly field: string;
  readonly domain?: string;
  readonly customDomain?: string;
}

function declaredTenants(declared: Pick<ParsedAccessModel, "tenant" | "environments">): DeclaredTenant[] {
  const own = Object.entries(declared.environments ?? {}).flatMap(([name, env]) =>
    env.tenant ? [{ field: `environments.${name}.tenant`, ...env.tenant }] : [],
  );
  return [{ field: "tenant", ...declared.tenant }, ...own];
}

/** What stops a synth: a tenant's own domain given as its custom domain, two environments on one custom domain. */
export function customDomainProblems(declared: ParsedAccessModel): string[] {
  const problems: string[] = [];
  for (const tenant of declaredTenants(declared)) {
    if (tenant.customDomain === undefined || tenant.customDomain !== tenant.domain?.toLowerCase()) continue;
    problems.push(
      `${tenant.field}.customDomain: ${JSON.stringify(tenant.customDomain)} is the tenant's own domain (${tenant.field}.domain), not a custom domain; give the host name you set up under Branding → Custom Domains, or leave customDomain out`,
    );
  }
  return [...problems, ...sharedCustomDomainProblems(declared)];
}

/**
 * A custom domain is set up in one tenant, and the issuer it gives tokens is the authorizer's:
 * two environments (on two tenants) naming one cannot both be right. Environments that share the
 * top-level tenant share its custom domain too; the tenant check refuses them already.
 */
function sharedCustomDomainProblems(declared: ParsedAccessModel): string[] {
  const served = Object.entries(declared.environments ?? {}).flatMap(([name, env]) => {
    const customDomain = env.tenant ? env.tenant.customDomain : declared.tenant.customDomain;
    return customDomain ? [{ name, customDomain, own: env.tenant !== undefined }] : [];
  });
  return served.flatMap((env, i) => {
    const earlier = served.slice(0, i).find((other) => other.customDomain === env.customDomain && (other.own || env.own));
    if (!earlier) return [];
    const field = env.own ? `environments.${env.name}.tenant.customDomain` : "tenant.customDomain";
    return [
      `${field}: environments ${JSON.stringify(earlier.name)} and ${JSON.stringify(env.name)} both log in through ${JSON.stringify(env.customDomain)}, but a custom domain belongs to one tenant and they deploy to two; give each environment its tenant's own custom domain`,
    ];
  });
}
