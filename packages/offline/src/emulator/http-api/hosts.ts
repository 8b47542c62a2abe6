// Which Host names reach the API, as API Gateway routes a request by its Host: each custom
// domain mapped to the API's $default stage, and the API's own execute-api endpoint unless the
// API disables it. Locally the emulator's own address (127.0.0.1, localhost, any name that is
// not a custom domain) stands for that execute-api endpoint.
import type { HttpApiDefinition } from "../deployment/description";
import { hostNameOf } from "../http/util";

export type HostRoute = { readonly via: "custom-domain"; readonly domain: string } | { readonly via: "execute-api" } | { readonly via: "refused" };

export class ApiHosts {
  private readonly domains: ReadonlySet<string>;

  constructor(private readonly api: Pick<HttpApiDefinition, "customDomains" | "executeApiEndpointDisabled">) {
    this.domains = new Set(api.customDomains ?? []);
  }

  /** How a request with this Host header reaches the API: through a custom domain, the execute-api endpoint, or not at all (403). */
  route(hostHeader: string | undefined): HostRoute {
    const name = hostNameOf(hostHeader);
    if (this.domains.has(name)) return { via: "custom-domain", domain: name };
    // A disabled default endpoint answers 403 Forbidden, so the custom domain is the only way in.
    return this.api.executeApiEndpointDisabled ? { via: "refused" } : { via: "execute-api" };
  }

  /** The Host a client must send to reach the API, when its execute-api endpoint is disabled (the first custom domain). */
  get requiredHost(): string | undefined {
    return this.api.executeApiEndpointDisabled ? [...this.domains][0] : undefined;
  }
}
