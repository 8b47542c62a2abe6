// API Gateway v2's API as the provider calls it (CreateApi, CreateAuthorizer, CreateIntegration,
// CreateRoute, CreateStage, CreateDomainName, CreateApiMapping and their deletes), holding each
// API's children and the account's custom domain names. No cdktf import.
import { randomId } from "../../provider";
import type { CallRules } from "../../service-rules";

interface ApiRecord {
  readonly authorizers: Set<string>;
  readonly integrations: Set<string>;
  readonly routes: Set<string>;
}

type Child = "authorizers" | "integrations" | "routes";
const QUOTA: Record<Child, [call: string, name: string]> = {
  authorizers: ["CreateAuthorizer", "authorizers-per-api"],
  integrations: ["CreateIntegration", "integrations-per-api"],
  routes: ["CreateRoute", "routes-per-api"],
};

export interface DomainNameConfiguration {
  readonly CertificateArn: string;
  readonly EndpointType: string;
  readonly SecurityPolicy: string;
  readonly IpAddressType?: string;
}

export class ApiGatewayV2Api {
  private readonly apis = new Map<string, ApiRecord>();
  /** Custom domain names by name, with their API mappings by id. */
  private readonly domains = new Map<string, { readonly target: string; readonly mappings: Map<string, string> }>();

  constructor(
    private readonly rules: CallRules,
    /** The status of an ACM certificate this account knows of (undefined: one it did not request here). */
    private readonly certificateStatus: (arn: string) => string | undefined = () => undefined,
    /** The region's API Gateway target names and hosted zone: d-<id>.execute-api.<region>.amazonaws.com. */
    private readonly region = "us-east-1",
  ) {}

  createApi(input: Readonly<Record<string, unknown>>): { ApiId: string } {
    this.rules.checkInput("CreateApi", input);
    const id = randomId(10);
    this.apis.set(id, { authorizers: new Set(), integrations: new Set(), routes: new Set() });
    return { ApiId: id };
  }

  deleteApi(apiId: string): void {
    this.apis.delete(apiId);
  }

  createAuthorizer(input: { readonly ApiId: string }): { AuthorizerId: string } {
    return { AuthorizerId: this.addChild(input, "authorizers", 6) };
  }

  createIntegration(input: { readonly ApiId: string; readonly TimeoutInMillis?: number }): { IntegrationId: string; TimeoutInMillis: number } {
    return { IntegrationId: this.addChild(input, "integrations", 7), TimeoutInMillis: input.TimeoutInMillis ?? 30000 };
  }

  createRoute(input: { readonly ApiId: string; readonly AuthorizationScopes?: readonly string[] }): { RouteId: string } {
    return { RouteId: this.addChild(input, "routes", 7) };
  }

  deleteChild(apiId: string, child: Child, id: string): void {
    this.apis.get(apiId)?.[child].delete(id);
  }

  createStage(input: Readonly<Record<string, unknown>>): { DeploymentId: string } {
    this.rules.checkInput("CreateStage", input);
    return { DeploymentId: randomId(6) };
  }

  /**
   * CreateDomainName: a name once per account and region, on an ACM certificate that has been
   * issued; answers the regional target its alias records point to.
   */
  createDomainName(input: { readonly DomainName: string; readonly DomainNameConfigurations: readonly DomainNameConfiguration[] }): {
    ApiGatewayDomainName: string;
    HostedZoneId: string;
    ApiMappingSelectionExpression: string;
  } {
    const name = input.DomainName.toLowerCase();
    this.rules.refuseIf(this.domains.has(name), "CreateDomainName", "unique-domain-name", { value: input.DomainName });
    for (const configuration of input.DomainNameConfigurations) {
      const status = this.certificateStatus(configuration.CertificateArn);
      this.rules.refuseIf(status !== undefined && status !== "ISSUED", "CreateDomainName", "certificate-issued", { value: configuration.CertificateArn, status: String(status) });
    }
    const target = `d-${randomId(10)}.execute-api.${this.region}.amazonaws.com`;
    this.domains.set(name, { target, mappings: new Map() });
    return { ApiGatewayDomainName: target, HostedZoneId: regionalHostedZoneOf(this.region), ApiMappingSelectionExpression: "$request.basepath" };
  }

  deleteDomainName(name: string): void {
    this.domains.delete(name.toLowerCase());
  }

  /** CreateApiMapping: the API's stage on the domain (a domain of an earlier apply is unknown here: accepted). */
  createApiMapping(input: { readonly ApiId: string; readonly DomainName: string; readonly Stage: string; readonly ApiMappingKey?: string }): { ApiMappingId: string } {
    const id = randomId(6);
    this.domains.get(input.DomainName.toLowerCase())?.mappings.set(id, input.ApiId);
    return { ApiMappingId: id };
  }

  deleteApiMapping(domainName: string, id: string): void {
    this.domains.get(domainName.toLowerCase())?.mappings.delete(id);
  }

  /** Checks the call's rules and the API's quota for `child`, then records the new child. */
  private addChild(input: { readonly ApiId: string }, child: Child, idLength: number): string {
    const [call, quota] = QUOTA[child];
    this.rules.checkInput(call, input);
    const api = this.apiFor(input.ApiId);
    const limit = this.rules.limit(call, quota);
    this.rules.refuseIf(limit !== undefined && api[child].size >= limit, call, quota, {});
    const id = randomId(idLength);
    api[child].add(id);
    return id;
  }

  /** An API of an earlier apply is unknown to this process: its children count from zero here (see docs/FIDELITY.md). */
  private apiFor(apiId: string): ApiRecord {
    let api = this.apis.get(apiId);
    if (!api) {
      api = { authorizers: new Set(), integrations: new Set(), routes: new Set() };
      this.apis.set(apiId, api);
    }
    return api;
  }
}

/**
 * The hosted zone of a region's API Gateway regional endpoints, as alias records name it. AWS
 * publishes one per region; the local account makes one up per region, the same in every process.
 */
export function regionalHostedZoneOf(region: string): string {
  let hash = 0;
  for (const c of region) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `Z${hash.toString(36).toUpperCase().padStart(12, "0")}`;
}
