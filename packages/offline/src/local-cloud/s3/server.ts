// S3 on the local AWS endpoint, path-style (`/<bucket>/<key>`), for what terraform's S3 backend
// calls: CreateBucket, HeadBucket, ListObjectsV2, PutObject (If-None-Match: * for the lock),
// GetObject (ranged, as its downloader reads), HeadObject and DeleteObject. The request is
// told apart from the other services' by its SigV4 credential scope (service "s3"), and only
// the local access key is let in, as on the endpoint's other services. Anything else S3 does is
// answered NotImplemented, never half done; every answer is S3's XML.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type AwsCloud, S3Error, type S3Object } from "@apigw-auth0-rbac/local-providers/cloud";
import { BodyTooLargeError, ClientError, decodeComponent, readBody, requestTarget } from "../../emulator/http/util";
import { closeIfBodyUnread } from "../bodies";
import { internalFailure } from "../failures";
import { checkPayloadHash, checksumHeaders, verifiedChecksums } from "./integrity";
import { byteRange } from "./range";
import { listBucketResult, locationConstraintOf, requestIds, sendS3Error, sendXml } from "./xml";

/** An object's bytes: a bound of ours (S3 takes 5 GB in one PUT), far above any terraform state. */
const OBJECT_BODY = 64 * 1024 * 1024;
/** CreateBucket's configuration document: a bound of ours. */
const CONFIGURATION_BODY = 64 * 1024;
/** ListObjectsV2 answers at most 1,000 keys a page (API_ListObjectsV2, MaxKeys). */
const MAX_KEYS = 1000;

export interface S3Endpoint {
  /** The server's name in its log. */
  readonly name: string;
  readonly accessKeyId: string;
  /** The account's services as an endpoint of `region` sees them. */
  cloud(region: string): AwsCloud;
}

interface S3Request {
  readonly method: string;
  readonly bucket: string;
  /** Undefined for a request on the bucket itself. */
  readonly key?: string;
  readonly query: URLSearchParams;
  readonly s3: AwsCloud["s3"];
}

const notImplemented = (what: string) =>
  new S3Error(
    "",
    501,
    "NotImplemented",
    `A header or query you provided implies functionality that is not implemented (the local cloud serves S3 for terraform's state: ${what}; docs/LOCAL-CLOUD.md)`,
  );

/** Answers `req`, whatever it holds. */
export async function serveS3(req: IncomingMessage, res: ServerResponse, endpoint: S3Endpoint, region: string | undefined): Promise<void> {
  const head = req.method === "HEAD";
  try {
    authorize(req, endpoint.accessKeyId);
    const request = parse(req, endpoint.cloud(region ?? "us-east-1").s3);
    if (request.key === undefined) await bucketCall(req, res, request);
    else await objectCall(req, res, request, request.key);
  } catch (err) {
    closeIfBodyUnread(req, res);
    if (res.headersSent) return void res.destroy();
    const error = s3ErrorOf(err) ?? new S3Error("", 500, "InternalError", internalFailure(endpoint.name, req, err));
    // HEAD's errors carry no body: the SDKs read the status; the bucket's region goes in a header (API_HeadBucket).
    const headers: Record<string, string> = error.fields.Region ? { "x-amz-bucket-region": error.fields.Region } : {};
    sendS3Error(res, error.status, error.code, error.message, error.fields, { head, headers });
  }
}

/**
 * The local access key in the credential scope, checked before anything else, as the
 * endpoint's other services check it. S3's words: an unsigned request is AccessDenied, another
 * key InvalidAccessKeyId (ErrorResponses).
 */
function authorize(req: IncomingMessage, accessKeyId: string): void {
  const key = /Credential=([^/,\s]+)\//.exec(String(req.headers.authorization ?? ""))?.[1];
  if (key === undefined) throw new S3Error("", 403, "AccessDenied", "Access Denied");
  if (key !== accessKeyId)
    throw new S3Error("", 403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", { AWSAccessKeyId: key });
}

/** Bucket and key from the path, as sent: the key is everything after `/<bucket>/`, decoded whole ("a//b" stays so). */
function parse(req: IncomingMessage, s3: AwsCloud["s3"]): S3Request {
  const { path, rawQuery } = requestTarget(req.url);
  const slash = path.indexOf("/", 1);
  const bucket = decodeComponent(slash === -1 ? path.slice(1) : path.slice(1, slash), "bucket name");
  const key = slash === -1 || slash === path.length - 1 ? undefined : decodeComponent(path.slice(slash + 1), "key");
  if (bucket === "") throw notImplemented("ListBuckets is not served");
  const query = new URLSearchParams(rawQuery);
  // The JavaScript SDK names the operation in x-id: it changes nothing.
  query.delete("x-id");
  return { method: req.method ?? "GET", bucket, key, query, s3 };
}

/** Refuses every query parameter but `allowed`: each one S3 knows means an operation not served here. */
function onlyQuery(query: URLSearchParams, allowed: readonly string[]): void {
  const other = [...query.keys()].find((name) => !allowed.includes(name));
  if (other !== undefined) throw notImplemented(`the query parameter "${other}" is not served`);
}

async function bucketCall(req: IncomingMessage, res: ServerResponse, { method, bucket, query, s3 }: S3Request): Promise<void> {
  if (method === "PUT") {
    onlyQuery(query, []);
    const body = await bodyOf(
      req,
      CONFIGURATION_BODY,
      () => new S3Error("CreateBucket", 400, "MaxMessageLengthExceeded", "Your request was too big."),
    );
    checkPayloadHash(req, body);
    s3.createBucket(bucket, locationConstraintOf(body.toString("utf8")));
    res.writeHead(200, { ...requestIds(), location: `/${encodeURIComponent(bucket)}`, "content-length": "0" });
    res.end();
    return;
  }
  closeIfBodyUnread(req, res);
  if (method === "HEAD") {
    onlyQuery(query, []);
    const region = s3.headBucket(bucket);
    res.writeHead(200, { ...requestIds(), "x-amz-bucket-region": region, "content-length": "0" });
    res.end();
    return;
  }
  if (method === "GET" && query.get("list-type") === "2") return listObjects(res, bucket, query, s3);
  throw notImplemented(method === "GET" ? "ListObjects (version 1) is not served; use ListObjectsV2" : `${method} on a bucket is not served`);
}

/** ListObjectsV2 with its query (API_ListObjectsV2, URI request parameters). */
function listObjects(res: ServerResponse, bucket: string, query: URLSearchParams, s3: AwsCloud["s3"]): void {
  onlyQuery(query, ["list-type", "prefix", "delimiter", "max-keys", "continuation-token", "start-after", "encoding-type", "fetch-owner"]);
  const rawMax = query.get("max-keys") ?? String(MAX_KEYS);
  if (!/^\d{1,10}$/.test(rawMax) || Number(rawMax) > 2 ** 31 - 1)
    throw new S3Error("ListObjectsV2", 400, "InvalidArgument", "Provided max-keys not an integer or within integer range", {
      ArgumentName: "max-keys",
    });
  const encoding = query.get("encoding-type");
  if (encoding !== null && encoding !== "url")
    throw new S3Error("ListObjectsV2", 400, "InvalidArgument", "Invalid Encoding Method specified in Request", { ArgumentName: "encoding-type" });
  const token = query.get("continuation-token") ?? undefined;
  const after = token !== undefined ? keyOfToken(token) : (query.get("start-after") ?? undefined);
  const prefix = query.get("prefix") ?? "";
  const delimiter = query.get("delimiter") || undefined;
  const maxKeys = Math.min(Number(rawMax), MAX_KEYS);
  const listed = s3.listObjects(bucket, { prefix, delimiter, maxKeys, after });
  sendXml(
    res,
    200,
    listBucketResult({
      bucket,
      prefix,
      delimiter,
      maxKeys,
      startAfter: query.get("start-after") ?? undefined,
      continuationToken: token,
      nextContinuationToken: listed.next === undefined ? undefined : tokenOf(listed.next),
      truncated: listed.truncated,
      contents: listed.contents,
      commonPrefixes: listed.commonPrefixes,
      urlEncoded: encoding === "url",
    }),
  );
}

/** A continuation token: opaque to the client, the last key listed to us. */
const tokenOf = (key: string) => Buffer.from(`1:${key}`).toString("base64url");
function keyOfToken(token: string): string {
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!text.startsWith("1:") || tokenOf(text.slice(2)) !== token)
    throw new S3Error("ListObjectsV2", 400, "InvalidArgument", "The continuation token provided is incorrect", {
      ArgumentName: "continuation-token",
    });
  return text.slice(2);
}

async function objectCall(req: IncomingMessage, res: ServerResponse, request: S3Request, key: string): Promise<void> {
  const { method, bucket, query, s3 } = request;
  onlyQuery(query, []);
  if (method === "PUT") return putObject(req, res, request, key);
  closeIfBodyUnread(req, res);
  if (method === "GET" || method === "HEAD") {
    const { object, body } = method === "GET" ? s3.getObject(bucket, key) : { object: s3.headObject(bucket, key), body: undefined };
    const range = method === "GET" ? byteRange(req.headers.range, object.size) : undefined;
    const whole = checksumMode(req) && range === undefined ? checksumHeaders(object.checksums) : {};
    const headers = { ...objectHeaders(object), ...whole };
    if (range) {
      res.writeHead(206, {
        ...headers,
        "content-length": String(range.end - range.start + 1),
        "content-range": `bytes ${range.start}-${range.end}/${object.size}`,
      });
      res.end(body!.subarray(range.start, range.end + 1));
    } else {
      res.writeHead(200, { ...headers, "content-length": String(object.size) });
      res.end(body);
    }
    return;
  }
  if (method === "DELETE") {
    s3.deleteObject(bucket, key);
    res.writeHead(204, requestIds());
    res.end();
    return;
  }
  throw notImplemented(`${method} on an object is not served`);
}

/**
 * PutObject: the headers checked before a byte of the body is read, the body checked against
 * its payload hash and checksums, then the object stored, or refused with 412 when
 * If-None-Match: * finds one under the key (S3Api.putObject, one change under the store's lock).
 */
async function putObject(req: IncomingMessage, res: ServerResponse, { bucket, s3 }: S3Request, key: string): Promise<void> {
  const ifNoneMatch = refuseUnservedHeaders(req);
  if (req.headers["content-length"] === undefined)
    throw new S3Error("PutObject", 411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
  const body = await bodyOf(
    req,
    OBJECT_BODY,
    () =>
      new S3Error(
        "PutObject",
        400,
        "EntityTooLarge",
        `Your proposed upload exceeds the maximum allowed object size (the local cloud keeps objects of up to ${OBJECT_BODY} bytes).`,
      ),
  );
  checkPayloadHash(req, body);
  const checksums = verifiedChecksums(req, body);
  const contentType = String(req.headers["content-type"] ?? "binary/octet-stream");
  const object = s3.putObject(bucket, key, body, { contentType, checksums }, { ifNoneMatch });
  res.writeHead(200, {
    ...requestIds(),
    etag: object.etag,
    "x-amz-server-side-encryption": "AES256",
    ...checksumHeaders(object.checksums),
    "content-length": "0",
  });
  res.end();
}

/** Headers of PutObject asking for what is not kept or done here, each refused as not implemented rather than ignored. */
const UNSERVED_HEADERS = [
  "if-match",
  "x-amz-copy-source",
  "x-amz-meta-",
  "x-amz-tagging",
  "x-amz-object-lock-",
  "x-amz-website-redirect-location",
  "x-amz-server-side-encryption-customer-",
  "x-amz-server-side-encryption-aws-kms-key-id",
  "x-amz-grant-",
];

/** What PutObject may ask that is served: If-None-Match: * only, SSE-S3, the STANDARD storage class, no ACL but the owner's. Returns If-None-Match. */
function refuseUnservedHeaders(req: IncomingMessage): "*" | undefined {
  const unserved = Object.keys(req.headers).find((name) => UNSERVED_HEADERS.some((h) => (h.endsWith("-") ? name.startsWith(h) : name === h)));
  if (unserved) throw notImplemented(`PutObject with ${unserved} is not served`);
  const sse = req.headers["x-amz-server-side-encryption"];
  if (sse !== undefined && sse !== "AES256") throw notImplemented(`server-side encryption ${String(sse)} is not served (AES256 is)`);
  const storage = req.headers["x-amz-storage-class"];
  if (storage !== undefined && storage !== "STANDARD") throw notImplemented(`the storage class ${String(storage)} is not served (STANDARD is)`);
  // New buckets have ACLs disabled (Object Ownership "bucket owner enforced"): only the owner's ACL is taken
  // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html).
  const acl = req.headers["x-amz-acl"];
  if (acl !== undefined && acl !== "bucket-owner-full-control")
    throw new S3Error("PutObject", 400, "AccessControlListNotSupported", "The bucket does not allow ACLs");
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch === undefined) return undefined;
  // S3 takes only "*" here (API_PutObject: "Expects the '*' (asterisk) character").
  if (ifNoneMatch !== "*") throw notImplemented(`If-None-Match: ${ifNoneMatch} is not served (If-None-Match: * is)`);
  return "*";
}

const checksumMode = (req: IncomingMessage) => String(req.headers["x-amz-checksum-mode"] ?? "").toUpperCase() === "ENABLED";

function objectHeaders(object: S3Object): Record<string, string> {
  return {
    ...requestIds(),
    "content-type": object.contentType,
    etag: object.etag,
    "last-modified": new Date(object.lastModified).toUTCString(),
    "accept-ranges": "bytes",
    // Every new object is encrypted with S3-managed keys (https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html).
    "x-amz-server-side-encryption": "AES256",
  };
}

/** The body, at most `limit` bytes (refused from content-length before a byte is read). */
async function bodyOf(req: IncomingMessage, limit: number, tooLarge: () => S3Error): Promise<Buffer> {
  try {
    return await readBody(req, limit);
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw tooLarge();
    if (err instanceof ClientError) throw new S3Error("", 400, "InvalidRequest", err.message);
    // The client went away mid-body: nobody reads the answer, but it is given.
    throw new S3Error("", 400, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header");
  }
}

function s3ErrorOf(err: unknown): S3Error | undefined {
  if (err instanceof S3Error) return err;
  if (err instanceof ClientError) return new S3Error("", 400, "InvalidRequest", err.message);
  return undefined;
}
