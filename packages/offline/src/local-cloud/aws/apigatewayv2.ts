// API Gateway v2 over its wire protocol (restJson1, lowerCamel fields: the API reference's
// "Request Syntax" of each call, e.g. POST /v2/apis/{apiId}/routes), onto the local account's
// ApiGatewayV2Api.
import type { ServerResponse } from "node:http";
import type { AwsCloud } from "@apigw-auth0-rbac/local-providers/cloud";
import type { Child } from "@apigw-auth0-rbac/local-providers/cloud";
import { ClientError, fromLowerCamel, sendJson, toLowerCamel, type Shape } from "./wire";

/** The path's kind of child; a Map, as the path is the request's. */
const CHILDREN = new Map<string, Child>([
  ["authorizers", "authorizers"],
  ["integrations", "integrations"],
  ["routes", "routes"],
]);

/** Answers one API Gateway v2 call; false when the path is none of its. */
export function apigatewayv2(cloud: AwsCloud, method: string, parts: readonly string[], body: Shape, res: ServerResponse): boolean {
  const svc = cloud.apigatewayv2;
  const input = fromLowerCamel(body);
  const send = (status: number, shape?: unknown) =>
    shape === undefined ? sendJson(res, status, undefined) : sendJson(res, status, toLowerCamel(shape));
  const [v2, apis, apiId, kind, id, extra] = parts;
  if (v2 !== "v2" || apis !== "apis") return false;

  if (apiId === undefined) {
    if (method === "GET") {
      send(200, { Items: svc.getApis() });
      return true;
    }
    if (method === "POST") {
      send(201, svc.createApi(required(input, "Name", "ProtocolType")));
      return true;
    }
    return false;
  }
  if (kind === undefined) {
    if (method === "GET") {
      send(200, svc.getApi(apiId));
      return true;
    }
    if (method === "PATCH") {
      send(200, svc.updateApi(apiId, input));
      return true;
    }
    if (method === "DELETE") {
      svc.getApi(apiId);
      svc.deleteApi(apiId);
      send(204);
      return true;
    }
    return false;
  }
  if (kind === "cors" && id === undefined && method === "DELETE") {
    svc.updateApi(apiId, { CorsConfiguration: null });
    send(204);
    return true;
  }

  const child = CHILDREN.get(kind);
  if (child && extra === undefined) {
    if (id === undefined && method === "GET") {
      send(200, { Items: svc.getChildren(apiId, child) });
      return true;
    }
    if (id === undefined && method === "POST") {
      const shape = { ...input, ApiId: apiId };
      const created =
        child === "authorizers"
          ? svc.createAuthorizer(required(shape, "Name", "AuthorizerType"))
          : child === "integrations"
            ? svc.createIntegration(required(shape, "IntegrationType"))
            : svc.createRoute(required(shape, "RouteKey"));
      send(201, created);
      return true;
    }
    if (id !== undefined && method === "GET") {
      send(200, svc.getChild(apiId, child, id));
      return true;
    }
    if (id !== undefined && method === "PATCH") {
      send(200, svc.updateChild(apiId, child, id, input));
      return true;
    }
    if (id !== undefined && method === "DELETE") {
      svc.getChild(apiId, child, id);
      svc.deleteChild(apiId, child, id);
      send(204);
      return true;
    }
    return false;
  }
  if (kind === "stages" && extra === undefined) {
    if (id === undefined && method === "GET") {
      send(200, { Items: svc.getStages(apiId) });
      return true;
    }
    if (id === undefined && method === "POST") {
      send(201, svc.createStage(required({ ...input, ApiId: apiId }, "StageName")));
      return true;
    }
    const name = id ?? "";
    if (id !== undefined && method === "GET") {
      send(200, svc.getStage(apiId, name));
      return true;
    }
    if (id !== undefined && method === "PATCH") {
      send(200, svc.updateStage(apiId, name, input));
      return true;
    }
    if (id !== undefined && method === "DELETE") {
      svc.getStage(apiId, name);
      svc.deleteStage(apiId, name);
      send(204);
      return true;
    }
  }
  return false;
}

/** API Gateway's 400 for a required member left out (BadRequestException). */
function required(input: Shape, ...fields: string[]): Shape {
  const missing = fields.find((f) => input[f] === undefined || input[f] === "");
  if (missing) throw new ClientError(400, "BadRequestException", `Invalid input: ${missing.charAt(0).toLowerCase()}${missing.slice(1)} is required`);
  return input;
}
