// Lambda over its wire protocol (restJson1 with PascalCase fields, under /2015-03-31/functions:
// the API reference's "Request Syntax" of CreateFunction, GetFunction, ListFunctions,
// UpdateFunctionConfiguration, UpdateFunctionCode, DeleteFunction, AddPermission, GetPolicy,
// RemovePermission), onto the local account's LambdaApi.
import type { ServerResponse } from "node:http";
import type { AwsCloud } from "@apigw-auth0-rbac/local-providers/cloud";
import { ClientError, sendJson, type Shape } from "./wire";

/** Answers one Lambda call; false when the path is none of its. `base` is this server's URL, for GetFunction's Code.Location. */
export function lambda(cloud: AwsCloud, method: string, parts: readonly string[], body: Shape, res: ServerResponse, base: string): boolean {
  const svc = cloud.lambda;
  const [version, functions, name = "", kind, sid] = parts;
  if (version !== "2015-03-31" || functions !== "functions") return false;

  if (!name) {
    if (method === "GET") {
      sendJson(res, 200, { Functions: svc.listFunctions() });
      return true;
    }
    if (method === "POST") {
      const { Code, ...input } = body;
      requireStrings(input, "FunctionName");
      sendJson(res, 201, svc.createFunction(input as { FunctionName: string }, zipOf(Code)));
      return true;
    }
    return false;
  }
  if (kind === undefined) {
    if (method === "GET") {
      const fn = svc.getFunction(name);
      const location = fn.Code ? `${base}/2015-03-31/functions/${encodeURIComponent(name)}/local-code` : undefined;
      sendJson(res, 200, { Configuration: fn.Configuration, Code: { RepositoryType: "S3", Location: location }, Tags: fn.Tags });
      return true;
    }
    if (method === "DELETE") {
      svc.getFunctionConfiguration(name);
      svc.deleteFunction(name);
      sendJson(res, 204, undefined);
      return true;
    }
    return false;
  }
  if (kind === "configuration") {
    if (method === "GET") {
      sendJson(res, 200, svc.getFunctionConfiguration(name));
      return true;
    }
    if (method === "PUT") {
      sendJson(res, 200, svc.updateFunctionConfiguration(name, body));
      return true;
    }
  }
  if (kind === "code" && method === "PUT") {
    const code = zipOf({ ZipFile: body.ZipFile });
    if (!code) throw new ClientError(400, "InvalidParameterValueException", "ZipFile is required (S3 code locations are not modelled locally)");
    const architectures = body.Architectures;
    if (architectures !== undefined && !(Array.isArray(architectures) && architectures.every((a) => typeof a === "string")))
      throw new ClientError(400, "InvalidParameterValueException", "Architectures is a list of strings");
    sendJson(res, 200, svc.updateFunctionCode(name, code, architectures));
    return true;
  }
  // Where GetFunction's Code.Location points: the archive (a presigned S3 URL in AWS).
  if (kind === "local-code" && method === "GET") {
    const code = svc.getFunction(name).Code;
    if (!code) throw new ClientError(404, "ResourceNotFoundException", "The function has no code");
    res.writeHead(200, { "content-type": "application/zip", "content-length": code.length });
    res.end(code);
    return true;
  }
  if (kind === "policy") {
    if (method === "GET" && sid === undefined) {
      sendJson(res, 200, { ...svc.getPolicy(name), RevisionId: "1" });
      return true;
    }
    if (method === "POST" && sid === undefined) {
      requireStrings(body, "StatementId", "Action", "Principal");
      sendJson(res, 201, svc.addPermission({ ...body, FunctionName: name } as any));
      return true;
    }
    if (method === "DELETE" && sid !== undefined) {
      svc.removePermission(name, sid);
      sendJson(res, 204, undefined);
      return true;
    }
  }
  return false;
}

/** Lambda's 400 for a required member left out, or given as anything but a string (the API reference types them String). */
function requireStrings(body: Shape, ...fields: string[]): void {
  for (const field of fields)
    if (typeof body[field] !== "string" || !body[field])
      throw new ClientError(400, "InvalidParameterValueException", `${field} is required, as a string`);
}

function zipOf(code: Shape | undefined): Buffer | undefined {
  if (!code?.ZipFile) return undefined;
  if (typeof code.ZipFile !== "string") throw new ClientError(400, "InvalidParameterValueException", "Code.ZipFile must be base64");
  return Buffer.from(code.ZipFile, "base64");
}
