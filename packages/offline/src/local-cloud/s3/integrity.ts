// What an upload's headers say about its body, checked as S3 checks it before storing anything
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html): the
// SigV4 payload hash (x-amz-content-sha256), Content-MD5, and one x-amz-checksum-<algorithm>
// header, which terraform sends as x-amz-checksum-sha256. A checksum that was checked is kept
// with the object and answered on GET and HEAD with x-amz-checksum-mode: ENABLED.
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { crc32 } from "node:zlib";
import { S3Error } from "@apigw-auth0-rbac/local-providers/cloud";

type Algorithm = "CRC32" | "SHA1" | "SHA256";

const digest = (algorithm: string, body: Buffer) => createHash(algorithm).update(body).digest();
const bigEndian = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};

/** The algorithms this server computes: the value as S3 writes it, base64 of the big-endian digest. */
const ALGORITHMS: ReadonlyMap<string, { name: Algorithm; of: (body: Buffer) => string }> = new Map([
  ["crc32", { name: "CRC32", of: (body: Buffer) => bigEndian(crc32(body)).toString("base64") }],
  ["sha1", { name: "SHA1", of: (body: Buffer) => digest("sha1", body).toString("base64") }],
  ["sha256", { name: "SHA256", of: (body: Buffer) => digest("sha256", body).toString("base64") }],
]);
/** Algorithms S3 takes that no library here computes: refused rather than stored unchecked. */
const NOT_COMPUTED = ["crc32c", "crc64nvme"];

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
};

/**
 * The payload hash a SigV4 request states. S3 refuses a request without one, and a hash that
 * is not the body's (ErrorResponses: XAmzContentSHA256Mismatch). An aws-chunked body
 * (STREAMING-…) is not decoded here: refused as not implemented.
 */
export function checkPayloadHash(req: IncomingMessage, body: Buffer): void {
  const stated = header(req, "x-amz-content-sha256");
  if (stated === undefined) throw new S3Error("PutObject", 400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
  if (stated === "UNSIGNED-PAYLOAD") return;
  if (stated.startsWith("STREAMING-") || /(^|,)\s*aws-chunked\s*(,|$)/i.test(header(req, "content-encoding") ?? ""))
    throw new S3Error(
      "PutObject",
      501,
      "NotImplemented",
      "the local cloud does not decode aws-chunked bodies; send the checksum as a header (docs/LOCAL-CLOUD.md)",
    );
  if (!/^[0-9a-f]{64}$/i.test(stated))
    throw new S3Error(
      "PutObject",
      400,
      "InvalidArgument",
      "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.",
    );
  const computed = digest("sha256", body).toString("hex");
  if (computed !== stated.toLowerCase()) {
    throw new S3Error("PutObject", 400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", {
      ClientComputedContentSHA256: stated,
      S3ComputedContentSHA256: computed,
    });
  }
}

/**
 * Content-MD5 and the x-amz-checksum-* header checked against `body` (API_PutObject:
 * BadDigest when either differs); the checksums to keep with the object, by algorithm.
 */
export function verifiedChecksums(req: IncomingMessage, body: Buffer): Record<string, string> {
  const md5 = header(req, "content-md5");
  if (md5 !== undefined) {
    if (Buffer.from(md5, "base64").length !== 16 || !/^[A-Za-z0-9+/]{22}==$/.test(md5))
      throw new S3Error("PutObject", 400, "InvalidDigest", "The Content-MD5 you specified was not valid.");
    if (digest("md5", body).toString("base64") !== md5)
      throw new S3Error("PutObject", 400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
  }
  const named = Object.keys(req.headers).filter((h) => h.startsWith("x-amz-checksum-") && h !== "x-amz-checksum-type" && h !== "x-amz-checksum-mode");
  if (named.length === 0) return {};
  if (named.length > 1)
    throw new S3Error("PutObject", 400, "InvalidRequest", "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
  const algorithm = named[0].slice("x-amz-checksum-".length);
  if (NOT_COMPUTED.includes(algorithm))
    throw new S3Error(
      "PutObject",
      501,
      "NotImplemented",
      `the local cloud does not compute ${algorithm.toUpperCase()} checksums; use SHA256, SHA1 or CRC32 (docs/LOCAL-CLOUD.md)`,
    );
  const known = ALGORITHMS.get(algorithm);
  if (!known) throw new S3Error("PutObject", 400, "InvalidRequest", `The algorithm type you specified in ${named[0]} header is invalid.`);
  const stated = header(req, named[0]) ?? "";
  if (known.of(body) !== stated)
    throw new S3Error("PutObject", 400, "BadDigest", `The ${known.name} you specified did not match the calculated checksum.`);
  return { [known.name]: stated };
}

/** The kept checksums as GET and HEAD answer them when asked (x-amz-checksum-mode: ENABLED) for the whole object. */
export function checksumHeaders(checksums: Readonly<Record<string, string>>): Record<string, string> {
  const entries = Object.entries(checksums).map(([name, value]) => [`x-amz-checksum-${name.toLowerCase()}`, value]);
  return entries.length ? { ...Object.fromEntries(entries), "x-amz-checksum-type": "FULL_OBJECT" } : {};
}
