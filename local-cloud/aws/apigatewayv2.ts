// API Gateway v2 over its wire protocol (restJson1, lowerCamel fields: the API reference's
// "Request Syntax" of each call, e.g. POST /v2/apis/{apiId}/routes), onto the local account's
// ApiGatewayV2Api. No cdktf import.
import type { ServerResponse } from "node:http";
import type { AwsCloud } from "../../local-providers/aws/api/cloud";
import type { Child } from "../../local-providers/aws/api/apigatewayv2";
import { ClientError, fromLowerCamel, sendJson, toLowerCamel, type Shape } from "./wire";

const CHILDREN: Record<string, Child> = { authorizers: "authorizers", integrations: "integrations", routes: "routes" };

/** Answers one API Gateway v2 call; false when the path is none of its. */
export function apigatewayv2(cloud: AwsCloud, method: string, parts: readonly string[], body: Shape, res: ServerResponse): boolean {
  const svc = cloud.apigatewayv2;
  const input = fromLowerCamel(body);
  const send = (status: number, shape?: unknown) => (shape === undefined ? sendJson(res, status, undefined) : sendJson(res, status, toLowerCamel(shape)));
  const [v2, apis, apiId, kind, id, extra] = parts;
  if (v2 !== "v2" || apis !== "apis") return false;

  if (apiId === undefined) {
    if (method === "GET") return send(200, { Items: svc.getApis() }), true;
    if (method === "POST") return send(201, svc.createApi(required(input, "Name", "ProtocolType"))), true;
    return false;
  }
  if (kind === undefined) {
    if (method === "GET") return send(200, svc.getApi(apiId)), true;
    if (method === "PATCH") return send(200, svc.updateApi(apiId, input)), true;
    if (method === "DELETE") return svc.getApi(apiId), svc.deleteApi(apiId), send(204), true;
    return false;
  }
  if (kind === "cors" && id === undefined && method === "DELETE") return svc.updateApi(apiId, { CorsConfiguration: null }), send(204), true;

  const child = CHILDREN[kind];
  if (child && extra === undefined) {
    if (id === undefined && method === "GET") return send(200, { Items: svc.getChildren(apiId, child) }), true;
    if (id === undefined && method === "POST") {
      const shape = { ...input, ApiId: apiId };
      const created = child === "authorizers" ? svc.createAuthorizer(required(shape, "Name", "AuthorizerType")) : child === "integrations" ? svc.createIntegration(required(shape, "IntegrationType")) : svc.createRoute(required(shape, "RouteKey"));
      return send(201, created), true;
    }
    if (id !== undefined && method === "GET") return send(200, svc.getChild(apiId, child, id)), true;
    if (id !== undefined && method === "PATCH") return send(200, svc.updateChild(apiId, child, id, input)), true;
    if (id !== undefined && method === "DELETE") return svc.getChild(apiId, child, id), svc.deleteChild(apiId, child, id), send(204), true;
    return false;
  }
  if (kind === "stages" && extra === undefined) {
    if (id === undefined && method === "GET") return send(200, { Items: svc.getStages(apiId) }), true;
    if (id === undefined && method === "POST") return send(201, svc.createStage(required({ ...input, ApiId: apiId }, "StageName"))), true;
    const name = id === undefined ? "" : decodeURIComponent(id);
    if (id !== undefined && method === "GET") return send(200, svc.getStage(apiId, name)), true;
    if (id !== undefined && method === "PATCH") return send(200, svc.updateStage(apiId, name, input)), true;
    if (id !== undefined && method === "DELETE") return svc.getStage(apiId, name), svc.deleteStage(apiId, name), send(204), true;
  }
  return false;
}

/** API Gateway's 400 for a required member left out (BadRequestException). */
function required(input: Shape, ...fields: string[]): Shape {
  const missing = fields.find((f) => input[f] === undefined || input[f] === "");
  if (missing) throw new ClientError(400, "BadRequestException", `Invalid input: ${missing.charAt(0).toLowerCase()}${missing.slice(1)} is required`);
  return input;
}
