// What AWS's protocols share on the wire, as the SDKs for JavaScript v3 read them: the
// restJson1 field names (lowerCamel for API Gateway v2 and CloudWatch Logs, PascalCase for
// Lambda), the error each protocol answers with, and the query protocol's XML (IAM).
import type { ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { ServiceError } from "@apigw-auth0-rbac/local-providers/cloud";
import { BodyRefused } from "../bodies";

export type Shape = Record<string, any>;

/** Fields whose value is a map: its keys are data (tag names, route keys), never renamed. */
const MAPS = new Set([
  "Tags",
  "StageVariables",
  "RequestParameters",
  "RequestTemplates",
  "RequestModels",
  "ResponseParameters",
  "Variables",
  "RouteSettings",
  "tags",
]);

const lower = (k: string) => k.charAt(0).toLowerCase() + k.slice(1);
const upper = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);

/** Built with Object.fromEntries, which defines each key: a field named "__proto__" stays a field. */
function renamed(value: unknown, rename: (k: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renamed(v, rename));
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const pascal = upper(k);
      if (!MAPS.has(pascal)) return [rename(k), renamed(v, rename)];
      const routeSettings = pascal === "RouteSettings" && v && typeof v === "object";
      return [rename(k), routeSettings ? Object.fromEntries(Object.entries(v).map(([rk, rv]) => [rk, renamed(rv, rename)])) : v];
    }),
  );
}

/** The SDK's shape (PascalCase) as a lowerCamel JSON body, and back. */
export const toLowerCamel = (shape: unknown) => renamed(shape, lower);
export const fromLowerCamel = (body: unknown) => renamed(body, upper) as Shape;

const requestId = () => randomUUID();

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "x-amzn-requestid": requestId(),
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** restJson1's error: the code in x-amzn-errortype, the message in the body (Lambda adds "Type"). */
export function sendRestJsonError(res: ServerResponse, status: number, code: string, message: string, extra: Shape = {}): void {
  sendJson(res, status, { message, ...extra }, { "x-amzn-errortype": code });
}

/** awsJson1_1's error: the code as "__type" in the body. */
export function sendJson11Error(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { __type: code, message }, { "content-type": "application/x-amz-json-1.1" });
}

/** A bad request of the caller's, in the protocol's words (a missing field, malformed JSON). */
export class ClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A refusal of a service object, or the caller's mistake, as one status, code and message. */
export function errorOf(err: unknown): { status: number; code: string; message: string } | undefined {
  if (err instanceof ServiceError) return { status: err.status, code: err.code, message: err.message };
  if (err instanceof ClientError) return { status: err.status, code: err.code, message: err.message };
  if (err instanceof BodyRefused)
    return { status: err.status, code: err.status === 413 ? "RequestEntityTooLargeException" : "SerializationException", message: err.message };
  return undefined;
}

// ---- the query protocol's XML (IAM) ----------------------------------------------------------

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A value as query-protocol XML: lists as <member> elements, structures by field. */
function xmlOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((v) => `<member>${xmlOf(v)}</member>`).join("");
  if (typeof value === "object")
    return Object.entries(value as Shape)
      .map(([k, v]) => (v === undefined || v === null ? "" : `<${k}>${xmlOf(v)}</${k}>`))
      .join("");
  return escapeXml(String(value));
}

const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";

export function sendQueryResult(res: ServerResponse, action: string, result?: Shape): void {
  const body = `<${action}Response xmlns="${IAM_NS}">${result ? `<${action}Result>${xmlOf(result)}</${action}Result>` : ""}<ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></${action}Response>`;
  res.writeHead(200, { "content-type": "text/xml", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export function sendQueryError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`;
  res.writeHead(status, { "content-type": "text/xml", "content-length": Buffer.byteLength(body) });
  res.end(body);
}
