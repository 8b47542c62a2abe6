// API Gateway v2's API as the provider calls it (CreateApi, CreateAuthorizer, CreateIntegration,
// CreateRoute, CreateStage and their deletes), holding each API's children. No cdktf import.
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

export class ApiGatewayV2Api {
  private readonly apis = new Map<string, ApiRecord>();

  constructor(private readonly rules: CallRules) {}

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
