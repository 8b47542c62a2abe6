// API Gateway v2's API (HTTP APIs) as the provider and the SDK call it: CreateApi, GetApi(s),
// UpdateApi, DeleteApi and the same for authorizers, integrations, routes and stages, holding
// each object as the service answers it (the SDK's shapes, e.g. { ApiId, Name, CorsConfiguration }).
// Kept in the local cloud's store, so objects outlive one terraform process; custom domain names
// and their API mappings too.
import { randomId } from "../../provider";
import { ServiceError, type CallRules } from "../../service-rules";
import { records } from "../../cloud/records";
import { memoryStore, ServiceState, type CloudStore } from "../../cloud/store";

export type Shape = Record<string, any>;

interface ApiRecord {
  api: Shape;
  /** Known only from a child's create: see recordOf. */
  implicit?: boolean;
  authorizers: Record<string, Shape>;
  integrations: Record<string, Shape>;
  routes: Record<string, Shape>;
  stages: Record<string, Shape>;
}

interface State {
  apis: Record<string, ApiRecord>;
}

export type Child = "authorizers" | "integrations" | "routes";
const QUOTA: Record<Child, [call: string, name: string]> = {
  authorizers: ["CreateAuthorizer", "authorizers-per-api"],
  integrations: ["CreateIntegration", "integrations-per-api"],
  routes: ["CreateRoute", "routes-per-api"],
};
const ID_OF: Record<Child, string> = { authorizers: "AuthorizerId", integrations: "IntegrationId", routes: "RouteId" };
const ID_LENGTH: Record<Child, number> = { authorizers: 6, integrations: 7, routes: 7 };
/** The service's word for each kind in its NotFoundException ("Invalid Route identifier specified …"). */
const NOUN: Record<Child | "apis" | "stages", string> = {
  apis: "API",
  authorizers: "Authorizer",
  integrations: "Integration",
  routes: "Route",
  stages: "Stage",
};

const defined = (shape: Shape): Shape => Object.fromEntries(Object.entries(shape).filter(([, v]) => v !== undefined && v !== null));
const iso = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");

export interface DomainNameConfiguration {
  readonly CertificateArn: string;
  readonly EndpointType: string;
  readonly SecurityPolicy: string;
  readonly IpAddressType?: string;
}

interface DomainsState {
  /** Custom domain names by name (lower case): the regional target, and API mappings by id (their API). */
  domains: Record<string, { readonly target: string; readonly mappings: Record<string, string> }>;
}

export class ApiGatewayV2Api {
  private readonly state: ServiceState<State>;
  private readonly domainState: ServiceState<DomainsState>;

  constructor(
    private readonly rules: CallRules,
    store: CloudStore = memoryStore(),
    readonly region = "us-east-1",
    private readonly accountId = "123456789012",
    /** The status of an ACM certificate this account knows of (undefined: one it did not request here). */
    private readonly certificateStatus: (arn: string) => string | undefined = () => undefined,
  ) {
    this.state = new ServiceState(store, `apigatewayv2/${region}`, () => ({ apis: records() }));
    this.domainState = new ServiceState(store, `apigatewayv2-domains/${region}`, () => ({ domains: records() }));
  }

  // ---- APIs ----------------------------------------------------------------------------

  createApi(input: Shape): Shape {
    this.rules.checkInput("CreateApi", input);
    const id = randomId(10);
    const scheme = input.ProtocolType === "WEBSOCKET" ? "wss" : "https";
    const api = defined({
      ApiKeySelectionExpression: "$request.header.x-api-key",
      RouteSelectionExpression: "$request.method $request.path",
      DisableExecuteApiEndpoint: false,
      IpAddressType: "ipv4",
      Tags: {},
      ...input,
      ApiId: id,
      ApiEndpoint: `${scheme}://${id}.execute-api.${this.region}.amazonaws.com`,
      CreatedDate: iso(),
    });
    this.state.update((s) => {
      s.apis[id] = apiRecord(api);
    });
    return api;
  }

  /**
   * ReimportApi, as the provider calls it after CreateApi when `body` is set: with failOnWarnings,
   * a warning fails the import. The warning modelled is a local $ref that resolves to nothing (a
   * JSON body's), the one the provider's own test shows (api_test.go
   * TestAccAPIGatewayV2API_OpenAPI_failOnWarnings); the routes are not imported.
   */
  reimportApi(apiId: string, body: string, failOnWarnings: boolean): void {
    const missing = failOnWarnings ? unresolvedRefs(body) : [];
    try {
      this.rules.refuseIf(missing.length > 0, "ReimportApi", "openapi-import-warnings", { value: missing[0] ?? "" });
    } catch (err) {
      if (err instanceof ServiceError) err.subject = apiId;
      throw err;
    }
  }

  getApi(apiId: string): Shape {
    return this.recordOf(this.state.read(), apiId, "GetApi").api;
  }

  getApis(): Shape[] {
    return Object.values(this.state.read().apis)
      .filter((r) => !r.implicit)
      .map((r) => r.api);
  }

  /** UpdateApi: the fields given replace the stored ones; a field given as null is removed (CorsConfiguration by DeleteCorsConfiguration). */
  updateApi(apiId: string, input: Shape): Shape {
    return this.state.update((s) => {
      const record = this.recordOf(s, apiId, "UpdateApi");
      // The id is the path's: a body cannot change it.
      record.api = merged(record.api, { ...input, ApiId: apiId });
      return record.api;
    });
  }

  deleteApi(apiId: string): void {
    this.state.update((s) => {
      delete s.apis[apiId];
    });
  }

  // ---- authorizers, integrations, routes -------------------------------------------------

  createAuthorizer(input: Shape): Shape {
    return this.addChild(input, "authorizers", { IdentitySource: [], ...input });
  }

  createIntegration(input: Shape): Shape {
    return this.addChild(input, "integrations", {
      ConnectionType: "INTERNET",
      TimeoutInMillis: 30000,
      ...(input.IntegrationType === "AWS_PROXY" || input.IntegrationType === "HTTP_PROXY"
        ? {}
        : { IntegrationResponseSelectionExpression: "${integration.response.statuscode}" }),
      ...input,
    });
  }

  createRoute(input: Shape): Shape {
    return this.addChild(input, "routes", { ApiKeyRequired: false, AuthorizationType: "NONE", ...input });
  }

  getChild(apiId: string, child: Child, id: string): Shape {
    const found = this.recordOf(this.state.read(), apiId, `Get${NOUN[child]}`)[child][id];
    if (!found) throw notFound(`Get${NOUN[child]}`, NOUN[child], this.accountId, id);
    return found;
  }

  getChildren(apiId: string, child: Child): Shape[] {
    return Object.values(this.recordOf(this.state.read(), apiId, `Get${NOUN[child]}s`)[child]);
  }

  updateChild(apiId: string, child: Child, id: string, input: Shape): Shape {
    const call = `Update${NOUN[child]}`;
    return this.state.update((s) => {
      const children = this.recordOf(s, apiId, call)[child];
      if (!children[id]) throw notFound(call, NOUN[child], this.accountId, id);
      children[id] = merged(children[id], { ...input, [ID_OF[child]]: id });
      return children[id];
    });
  }

  deleteChild(apiId: string, child: Child, id: string): void {
    this.state.update((s) => {
      delete s.apis[apiId]?.[child][id];
    });
  }

  // ---- stages ----------------------------------------------------------------------------

  createStage(input: Shape): Shape {
    this.rules.checkInput("CreateStage", input);
    const stage = defined({
      AutoDeploy: false,
      StageVariables: {},
      Tags: {},
      RouteSettings: {},
      ...input,
      DeploymentId: randomId(6),
      CreatedDate: iso(),
      LastUpdatedDate: iso(),
    });
    this.state.update((s) => {
      this.recordOf(s, input.ApiId, "CreateStage", true).stages[input.StageName] = stage;
    });
    return stage;
  }

  getStage(apiId: string, name: string): Shape {
    const stage = this.recordOf(this.state.read(), apiId, "GetStage").stages[name];
    if (!stage) throw notFound("GetStage", "Stage", this.accountId, name);
    return stage;
  }

  getStages(apiId: string): Shape[] {
    return Object.values(this.recordOf(this.state.read(), apiId, "GetStages").stages);
  }

  updateStage(apiId: string, name: string, input: Shape): Shape {
    return this.state.update((s) => {
      const stages = this.recordOf(s, apiId, "UpdateStage").stages;
      if (!stages[name]) throw notFound("UpdateStage", "Stage", this.accountId, name);
      stages[name] = merged(stages[name], { ...input, StageName: name, LastUpdatedDate: iso() });
      return stages[name];
    });
  }

  deleteStage(apiId: string, name: string): void {
    this.state.update((s) => {
      delete s.apis[apiId]?.stages[name];
    });
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
    // Asked before the lock is taken: ACM may write its own part of the store while answering.
    const statuses = input.DomainNameConfigurations.map((c) => [c.CertificateArn, this.certificateStatus(c.CertificateArn)] as const);
    const target = `d-${randomId(10)}.execute-api.${this.region}.amazonaws.com`;
    // The name checked under the store's lock: another process cannot create it in between.
    this.domainState.update((s) => {
      this.rules.refuseIf(s.domains[name] !== undefined, "CreateDomainName", "unique-domain-name", { value: input.DomainName });
      for (const [arn, status] of statuses) {
        this.rules.refuseIf(status !== undefined && status !== "ISSUED", "CreateDomainName", "certificate-issued", {
          value: arn,
          status: String(status),
        });
      }
      s.domains[name] = { target, mappings: records() };
    });
    return { ApiGatewayDomainName: target, HostedZoneId: regionalHostedZoneOf(this.region), ApiMappingSelectionExpression: "$request.basepath" };
  }

  deleteDomainName(name: string): void {
    this.domainState.update((s) => {
      delete s.domains[name.toLowerCase()];
    });
  }

  /** CreateApiMapping: the API's stage on the domain (a domain the account does not hold is accepted: references are lenient, see docs/FIDELITY.md). */
  createApiMapping(input: { readonly ApiId: string; readonly DomainName: string; readonly Stage: string; readonly ApiMappingKey?: string }): {
    ApiMappingId: string;
  } {
    const id = randomId(6);
    this.domainState.update((s) => {
      const domain = s.domains[input.DomainName.toLowerCase()];
      if (domain) domain.mappings[id] = input.ApiId;
    });
    return { ApiMappingId: id };
  }

  deleteApiMapping(domainName: string, id: string): void {
    this.domainState.update((s) => {
      delete s.domains[domainName.toLowerCase()]?.mappings[id];
    });
  }

  /** Checks the call's rules and the API's quota for `child`, then records the new child. */
  private addChild(input: Shape, child: Child, shape: Shape): Shape {
    const [call, quota] = QUOTA[child];
    this.rules.checkInput(call, input);
    return this.state.update((s) => {
      const record = this.recordOf(s, input.ApiId, call, true);
      const limit = this.rules.limit(call, quota);
      this.rules.refuseIf(limit !== undefined && Object.keys(record[child]).length >= limit, call, quota, {});
      const id = randomId(ID_LENGTH[child]);
      const { ApiId: _api, ...fields } = shape;
      record[child][id] = defined({ ...fields, [ID_OF[child]]: id });
      return record[child][id];
    });
  }

  /**
   * The API's record. A create under an API this cloud never held (the conformance cases name
   * made-up API ids) gets an implicit record instead of AWS's NotFoundException: the stand-in does
   * not check that a child's API exists (docs/FIDELITY.md).
   */
  private recordOf(s: State, apiId: string, call: string, create = false): ApiRecord {
    let record = s.apis[apiId];
    if (!record && create) record = s.apis[apiId] = { ...apiRecord({ ApiId: apiId }), implicit: true };
    if (!record) throw notFound(call, "API", this.accountId, apiId);
    return record;
  }
}

/** An API with no children yet. */
const apiRecord = (api: Shape): ApiRecord => ({ api, authorizers: records(), integrations: records(), routes: records(), stages: records() });

/** The stored object with `input`'s fields over it; a field given as null is removed. */
function merged(stored: Shape, input: Shape): Shape {
  const out: Shape = records(Object.entries(stored));
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** API Gateway's 404 for an id it does not hold (API reference, "Errors": NotFoundException). */
function notFound(call: string, noun: string, accountId: string, id: string): ServiceError {
  return new ServiceError(call, 404, "NotFoundException", `Invalid ${noun} identifier specified ${accountId}:${id}`);
}

/**
 * The hosted zone of a region's API Gateway regional endpoints, as alias records name it. AWS
 * publishes one per region; the local account makes one up per region, the same in every process.
 */
function regionalHostedZoneOf(region: string): string {
  let hash = 0;
  for (const c of region) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `Z${hash.toString(36).toUpperCase().padStart(12, "0")}`;
}

/** The local references ("#/components/schemas/X") of a JSON OpenAPI document that point at nothing; none for a YAML one. */
function unresolvedRefs(body: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return [];
  }
  const refs: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "$ref" && typeof x === "string") refs.push(x);
        else walk(x);
      }
    }
  };
  walk(doc);
  const resolves = (ref: string) =>
    ref
      .slice(2)
      .split("/")
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>(
        (at, key) => (at && typeof at === "object" && Object.hasOwn(at, key) ? (at as Record<string, unknown>)[key] : undefined),
        doc,
      ) !== undefined;
  return refs.filter((r) => r.startsWith("#/") && !resolves(r));
}
