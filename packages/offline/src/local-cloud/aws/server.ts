// The local AWS account on 127.0.0.1 (AWS_ENDPOINT_URL): one endpoint for API Gateway v2,
// Lambda, IAM, CloudWatch Logs and S3 (../s3/), as the SDKs send every service to
// AWS_ENDPOINT_URL. The service and region come from the request's SigV4 credential scope
// (Credential=<key>/<date>/<region>/<service>/aws4_request); only the local access key is let in.
import type { IncomingMessage, ServerResponse } from "node:http";
import { AwsCloud } from "@apigw-auth0-rbac/local-providers/cloud";
import type { CloudStore } from "@apigw-auth0-rbac/local-providers/cloud";
import { bodyText, closeIfBodyUnread } from "../bodies";
import { internalFailure } from "../failures";
import { type S3Endpoint, serveS3 } from "../s3/server";
import { apigatewayv2 } from "./apigatewayv2";
import { iam } from "./iam";
import { lambda } from "./lambda";
import { logs } from "./logs";
import { ClientError, errorOf, sendJson11Error, sendQueryError, sendRestJsonError, type Shape } from "./wire";

/**
 * A request carrying a function's code (base64 in JSON): Lambda takes 50 MB of archive uploaded
 * directly (Lambda quotas, "Deployment package (.zip file archive) size") and refuses a larger
 * request with 413 RequestEntityTooLargeException, "Request must be smaller than 69905067 bytes
 * for the CreateFunction operation".
 */
const LAMBDA_CODE_BODY = 69_905_066;
/**
 * Any other call: a bound of ours, far above the largest document the calls served here take (a
 * function's resource-based policy, 20 KB, Lambda quotas; a role's inline policies, 10,240
 * characters, IAM quotas).
 */
const CALL_BODY = 1024 * 1024;

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

type Protocol = "rest-json" | "lambda" | "query" | "json-1.1";

/** `Credential=AKID/20250101/us-east-1/apigateway/aws4_request` of a SigV4 Authorization header. */
function scopeOf(req: IncomingMessage): { key: string; region: string; service: string } | undefined {
  const match = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(req.headers.authorization ?? ""));
  return match ? { key: match[1], region: match[2], service: match[3] } : undefined;
}

export class LocalAwsEndpoint {
  readonly name = "local cloud (aws)";
  private readonly accounts = new Map<string, AwsCloud>();

  constructor(
    private readonly store: CloudStore,
    private readonly credentials: AwsCredentials,
    private readonly quotas: Readonly<Record<string, number>> = {},
  ) {}

  private s3Endpoint(): S3Endpoint {
    return { name: this.name, accessKeyId: this.credentials.accessKeyId, cloud: (region) => this.cloud(region) };
  }

  /** The account's services in `region`, over the same store the stand-in providers use. */
  cloud(region: string): AwsCloud {
    let cloud = this.accounts.get(region);
    if (!cloud) {
      cloud = new AwsCloud(region, this.quotas, this.store);
      this.accounts.set(region, cloud);
    }
    return cloud;
  }

  async handle(req: IncomingMessage, res: ServerResponse, base: string): Promise<void> {
    const url = new URL(req.url ?? "/", base);
    const segments = url.pathname.split("/").filter(Boolean);
    const signed = scopeOf(req);
    if (isS3(req, signed, segments)) return serveS3(req, res, this.s3Endpoint(), signed?.region);
    const protocol = protocolOf(req, segments);
    const method = req.method ?? "GET";
    try {
      const parts = segments.map(decodedSegment);
      // GetFunction's code location is a presigned URL in AWS: it carries no signature here either, and takes no body.
      const codeDownload = protocol === "lambda" && parts[3] === "local-code" && method === "GET";
      const scope = codeDownload ? undefined : this.authenticated(req, protocol);
      const raw = codeDownload ? "" : await bodyText(req, bodyLimitOf(protocol, method, parts), tooLarge);
      closeIfBodyUnread(req, res);
      const cloud = this.cloud(scope?.region ?? "us-east-1");
      const handled =
        protocol === "json-1.1"
          ? logs(cloud, String(req.headers["x-amz-target"]).replace(/^Logs_20140328\./, ""), json(raw), res)
          : protocol === "rest-json"
            ? apigatewayv2(cloud, method, parts, json(raw), res)
            : protocol === "lambda"
              ? lambda(cloud, method, parts, json(raw), res, base)
              : method === "POST" && iam(cloud, new URLSearchParams(raw), res);
      if (!handled)
        throw new ClientError(
          404,
          "UnknownOperationException",
          `the local cloud does not serve ${method} ${url.pathname}${req.headers["x-amz-target"] ? ` (${req.headers["x-amz-target"]})` : ""}; see docs/LOCAL-CLOUD.md for what it serves`,
        );
    } catch (err) {
      const known = errorOf(err) ?? { status: 500, code: "InternalFailure", message: internalFailure(this.name, req, err) };
      closeIfBodyUnread(req, res);
      if (protocol === "json-1.1") sendJson11Error(res, known.status, known.code, known.message);
      else if (protocol === "query") sendQueryError(res, known.status, known.code, known.message);
      else if (protocol === "lambda") sendRestJsonError(res, known.status, known.code, known.message, { Type: "User" });
      else sendRestJsonError(res, known.status, known.code, known.message);
    }
  }

  /** The request's credential scope, when it names the local access key; refused before a byte of the body is read. */
  private authenticated(req: IncomingMessage, protocol: Protocol): { region: string } {
    const scope = scopeOf(req);
    if (!scope)
      throw new ClientError(
        403,
        protocol === "query" ? "MissingAuthenticationToken" : "MissingAuthenticationTokenException",
        "Request is missing Authentication Token",
      );
    if (scope.key !== this.credentials.accessKeyId)
      throw new ClientError(
        403,
        protocol === "query" ? "InvalidClientTokenId" : "UnrecognizedClientException",
        "The security token included in the request is invalid.",
      );
    return scope;
  }
}

/**
 * An S3 request: signed for service "s3", or unsigned and shaped like none of the other
 * services' requests (their paths, X-Amz-Target, IAM's POST /), so it is refused in S3's words.
 */
function isS3(req: IncomingMessage, scope: ReturnType<typeof scopeOf>, segments: readonly string[]): boolean {
  if (scope) return scope.service === "s3";
  const other =
    req.headers["x-amz-target"] !== undefined || ["v2", "2015-03-31"].includes(segments[0]) || (req.method === "POST" && segments.length === 0);
  return !other;
}

function protocolOf(req: IncomingMessage, segments: readonly string[]): Protocol {
  if (req.headers["x-amz-target"]) return "json-1.1";
  if (segments[0] === "v2") return "rest-json";
  return segments[0] === "2015-03-31" ? "lambda" : "query";
}

/** CreateFunction and UpdateFunctionCode carry the archive; every other call at most a small document. */
function bodyLimitOf(protocol: Protocol, method: string, parts: readonly string[]): number {
  const carriesCode = protocol === "lambda" && ((method === "POST" && parts.length === 2) || (method === "PUT" && parts[3] === "code"));
  return carriesCode ? LAMBDA_CODE_BODY : CALL_BODY;
}

/** AWS's words for an oversized request (Lambda's 413 RequestEntityTooLargeException). */
const tooLarge = (limit: number) => `Request must be smaller than ${limit + 1} bytes`;

/** A path segment as the SDKs encode their labels (a function or stage name); malformed escapes are the caller's 400. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ClientError(400, "SerializationException", "malformed percent-encoding in the request path");
  }
}

function json(raw: string): Shape {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ClientError(400, "SerializationException", "the body is not valid JSON");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new ClientError(400, "SerializationException", "the JSON body must be an object");
  return parsed as Shape;
}
