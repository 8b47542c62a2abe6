// S3's REST-XML as the SDKs read it: the error document
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses),
// ListObjectsV2's ListBucketResult, and the one request document served, CreateBucket's
// CreateBucketConfiguration. Every name from a request is escaped where it lands.
import { randomBytes, randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { S3Error, type S3Object } from "@apigw-auth0-rbac/local-providers/cloud";

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

/** What XML 1.0 cannot carry at all (its production Char): C0 controls but tab, LF and CR; U+FFFE, U+FFFF; a lone surrogate. */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: exactly the controls XML 1.0 refuses
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\r": "&#13;" };

/**
 * Text as XML character data. What XML cannot carry (NOT_XML) becomes U+FFFD:
 * a key holding one is listed with encoding-type=url, as S3 advises.
 */
function escapeXml(text: string): string {
  return text.replace(NOT_XML, "\ufffd").replace(/[&<>"'\r]/g, (c) => ENTITIES[c]);
}

const element = (name: string, value: string | number | boolean | undefined) =>
  value === undefined ? "" : `<${name}>${escapeXml(String(value))}</${name}>`;

/** The headers every S3 answer carries: its request IDs. */
export function requestIds(): Record<string, string> {
  return { "x-amz-request-id": randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase(), "x-amz-id-2": randomBytes(48).toString("base64") };
}

/** An answer with an XML document, or (HEAD) the same status and headers without it. */
export function sendXml(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}, head = false): void {
  const text = `${XML_DECLARATION}\n${body}`;
  res.writeHead(status, {
    ...requestIds(),
    "content-type": "application/xml",
    "content-length": head ? "0" : String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(head ? undefined : text);
}

/** S3's error document: Code, Message, the elements the error adds (Key, BucketName, Condition…), the request ID. */
export function sendS3Error(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  fields: Readonly<Record<string, string>> = {},
  options: { readonly head?: boolean; readonly headers?: Record<string, string> } = {},
): void {
  const ids = requestIds();
  const extra = Object.entries(fields)
    .map(([k, v]) => element(k, v))
    .join("");
  const body = `<Error>${element("Code", code)}${element("Message", message)}${extra}${element("RequestId", ids["x-amz-request-id"])}${element("HostId", ids["x-amz-id-2"])}</Error>`;
  sendXml(res, status, body, { ...ids, ...options.headers }, options.head);
}

export interface ListingPage {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter?: string;
  readonly maxKeys: number;
  readonly startAfter?: string;
  readonly continuationToken?: string;
  readonly nextContinuationToken?: string;
  readonly truncated: boolean;
  readonly contents: readonly (S3Object & { key: string })[];
  readonly commonPrefixes: readonly string[];
  /** encoding-type=url: keys and prefixes percent-encoded (they may hold what XML cannot). */
  readonly urlEncoded: boolean;
}

/** ListObjectsV2's answer (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html#API_ListObjectsV2_ResponseSyntax). */
export function listBucketResult(page: ListingPage): string {
  const name = (text: string) => (page.urlEncoded ? encodeURIComponent(text).replace(/%2F/g, "/") : text);
  const contents = page.contents
    .map(
      (o) =>
        `<Contents>${element("Key", name(o.key))}${element("LastModified", o.lastModified)}${element("ETag", o.etag)}${element("Size", o.size)}${element("StorageClass", "STANDARD")}</Contents>`,
    )
    .join("");
  const prefixes = page.commonPrefixes.map((p) => `<CommonPrefixes>${element("Prefix", name(p))}</CommonPrefixes>`).join("");
  return (
    `<ListBucketResult xmlns="${NAMESPACE}">${element("Name", page.bucket)}${element("Prefix", name(page.prefix))}` +
    `${page.delimiter === undefined ? "" : element("Delimiter", name(page.delimiter))}${element("MaxKeys", page.maxKeys)}` +
    `${element("KeyCount", page.contents.length + page.commonPrefixes.length)}${element("IsTruncated", page.truncated)}` +
    `${page.urlEncoded ? element("EncodingType", "url") : ""}${element("ContinuationToken", page.continuationToken)}` +
    `${element("NextContinuationToken", page.nextContinuationToken)}${page.startAfter === undefined ? "" : element("StartAfter", name(page.startAfter))}` +
    `${contents}${prefixes}</ListBucketResult>`
  );
}

/**
 * The LocationConstraint of a CreateBucketConfiguration body; undefined for an empty body or
 * one without it. A body that is not that document is S3's MalformedXML.
 */
export function locationConstraintOf(body: string): string | undefined {
  const text = body.trim();
  if (text === "") return undefined;
  const document = /^(?:<\?xml[^>]*\?>\s*)?<CreateBucketConfiguration(?:\s[^>]*)?>([\s\S]*)<\/CreateBucketConfiguration>$/.exec(text);
  if (!document)
    throw new S3Error(
      "CreateBucket",
      400,
      "MalformedXML",
      "The XML you provided was not well-formed or did not validate against our published schema",
    );
  const constraint = /<LocationConstraint>([^<]*)<\/LocationConstraint>/.exec(document[1]);
  return constraint ? constraint[1].trim() || undefined : undefined;
}
