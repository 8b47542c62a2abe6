// npm run cloud's S3: what terraform's S3 backend calls, through the official SDK for
// JavaScript (path style, the local key), kept in the local cloud's store; and what S3
// refuses, refused in S3's XML, each request answered.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { AwsCloud, fileStore } from "@apigw-auth0-rbac/local-providers/cloud";
import { startLocalCloud, type LocalCloud } from "../../src/local-cloud/cloud";
import { rawRequest } from "../helpers/raw-http";

jest.setTimeout(30_000);

let cloud: LocalCloud;
let dir: string;
let port: number;
let s3: S3Client;
const client = (region: string, accessKeyId?: string) =>
  new S3Client({
    endpoint: cloud.variables.AWS_ENDPOINT_URL,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: accessKeyId ?? cloud.variables.AWS_ACCESS_KEY_ID, secretAccessKey: cloud.variables.AWS_SECRET_ACCESS_KEY },
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "local-s3-"));
  cloud = await startLocalCloud({ dir });
  port = Number(new URL(cloud.variables.AWS_ENDPOINT_URL).port);
  s3 = client("us-east-1");
  await s3.send(new CreateBucketCommand({ Bucket: "team-state" }));
});
afterAll(async () => {
  s3.destroy();
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64");
/** A request signed for S3 as far as this server looks (the credential scope), written byte for byte. */
function signed(method: string, target: string, headers: Record<string, string> = {}, body = "", key = cloud.variables.AWS_ACCESS_KEY_ID) {
  const lines = [
    `${method} ${target} HTTP/1.1`,
    "Host: 127.0.0.1",
    "Connection: close",
    `Authorization: AWS4-HMAC-SHA256 Credential=${key}/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0`,
    `x-amz-content-sha256: ${createHash("sha256").update(body).digest("hex")}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  if (body !== "" && !("Content-Length" in headers) && !("Transfer-Encoding" in headers)) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return rawRequest(port, `${lines.join("\r\n")}\r\n\r\n${body}`);
}
const errorCode = (body: string) => /<Error><Code>([^<]*)<\/Code><Message>([^<]*)<\/Message>/.exec(body)?.slice(1, 3);

describe("S3 through the official SDK", () => {
  it("keeps an object as terraform's backend writes it (SHA-256 checksum, SSE-S3), and gives it back whole, by range and checked", async () => {
    const state = JSON.stringify({ version: 4, serial: 1, outputs: { issuer: { value: "https://t.example/" } } });
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: "team-state",
        Key: "apigw-auth0-rbac/auth0.tfstate",
        Body: state,
        ContentType: "application/json",
        ChecksumAlgorithm: "SHA256",
        ServerSideEncryption: "AES256",
      }),
    );
    expect([put.ETag, put.ServerSideEncryption, put.ChecksumSHA256]).toEqual([
      `"${createHash("md5").update(state).digest("hex")}"`,
      "AES256",
      sha256(state),
    ]);
    const head = await s3.send(new HeadObjectCommand({ Bucket: "team-state", Key: "apigw-auth0-rbac/auth0.tfstate" }));
    expect([head.ContentLength, head.ContentType]).toEqual([Buffer.byteLength(state), "application/json"]);
    // The SDK checks the body against the checksum it is given.
    const got = await s3.send(new GetObjectCommand({ Bucket: "team-state", Key: "apigw-auth0-rbac/auth0.tfstate", ChecksumMode: "ENABLED" }));
    expect([await got.Body!.transformToString(), got.ChecksumSHA256]).toEqual([state, sha256(state)]);
    const ranged = await s3.send(new GetObjectCommand({ Bucket: "team-state", Key: "apigw-auth0-rbac/auth0.tfstate", Range: "bytes=0-9" }));
    expect([await ranged.Body!.transformToString(), ranged.ContentRange]).toEqual([state.slice(0, 10), `bytes 0-9/${Buffer.byteLength(state)}`]);
  });

  it("creates a lock object only where none is: of ten writers at once one gets it, the others 412 PreconditionFailed", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        s3.send(new PutObjectCommand({ Bucket: "team-state", Key: "race.tfstate.tflock", Body: `{"ID":"${i}"}`, IfNoneMatch: "*" })),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(refused.map((e) => [e.name, e.$metadata.httpStatusCode])).toEqual(Array(9).fill(["PreconditionFailed", 412]));
    const holder = await (await s3.send(new GetObjectCommand({ Bucket: "team-state", Key: "race.tfstate.tflock" }))).Body!.transformToString();
    // Deleted, the key is free again.
    await s3.send(new DeleteObjectCommand({ Bucket: "team-state", Key: "race.tfstate.tflock" }));
    await s3.send(new PutObjectCommand({ Bucket: "team-state", Key: "race.tfstate.tflock", Body: "{}", IfNoneMatch: "*" }));
    expect(holder).toMatch(/^\{"ID":"\d"\}$/);
  });

  it("lists keys by prefix and delimiter, a page at a time, in UTF-8 order", async () => {
    const keys = ["env:/dev/app.tfstate", "env:/prod/app.tfstate", "env:/prod/other", "env:/z", "app.tfstate", "env:/é"];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: "team-state", Key, Body: Key }));
    const page = async (ContinuationToken?: string) =>
      s3.send(new ListObjectsV2Command({ Bucket: "team-state", Prefix: "env:/", Delimiter: "/", MaxKeys: 2, ContinuationToken }));
    const first = await page();
    expect([first.CommonPrefixes?.map((p) => p.Prefix), first.Contents, first.IsTruncated, first.KeyCount]).toEqual([
      ["env:/dev/", "env:/prod/"],
      undefined,
      true,
      2,
    ]);
    const second = await page(first.NextContinuationToken);
    expect([second.Contents?.map((c) => c.Key), second.IsTruncated]).toEqual([["env:/z", "env:/é"], false]);
    const all = await s3.send(new ListObjectsV2Command({ Bucket: "team-state", Prefix: "env:/prod/" }));
    expect(all.Contents?.map((c) => [c.Key, c.Size])).toEqual([
      ["env:/prod/app.tfstate", 21],
      ["env:/prod/other", 15],
    ]);
  });

  it("keeps keys named like Object's own properties or holding XML's characters as they were sent", async () => {
    const names = ["__proto__", "constructor", "hasOwnProperty", `odd/<a href="x">&'</a>`, "spaced key/ünïcode"];
    for (const Key of names) await s3.send(new PutObjectCommand({ Bucket: "team-state", Key, Body: `body of ${Key}` }));
    for (const Key of names)
      expect(await (await s3.send(new GetObjectCommand({ Bucket: "team-state", Key }))).Body!.transformToString()).toBe(`body of ${Key}`);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "team-state" }));
    expect(listed.Contents!.map((c) => c.Key)).toEqual(expect.arrayContaining(names));
  });

  it("keeps buckets and objects in the store terraform's providers use, the bytes as a blob", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "team-state", Key: "stored", Body: "bytes kept" }));
    const { body, object } = new AwsCloud("us-east-1", {}, fileStore(dir)).s3.getObject("team-state", "stored");
    expect(body.toString()).toBe("bytes kept");
    expect(readdirSync(join(dir, "blobs"))).toContain(object.blob);
    await s3.send(new DeleteObjectCommand({ Bucket: "team-state", Key: "stored" }));
    expect(readdirSync(join(dir, "blobs"))).not.toContain(object.blob);
  });

  it("answers S3's errors as the SDK names them", async () => {
    await expect(s3.send(new GetObjectCommand({ Bucket: "team-state", Key: "missing" }))).rejects.toMatchObject({ name: "NoSuchKey" });
    await expect(s3.send(new HeadObjectCommand({ Bucket: "team-state", Key: "missing" }))).rejects.toMatchObject({ name: "NotFound" });
    await expect(s3.send(new ListObjectsV2Command({ Bucket: "no-such-bucket" }))).rejects.toMatchObject({
      name: "NoSuchBucket",
      message: "The specified bucket does not exist",
    });
    await expect(s3.send(new HeadBucketCommand({ Bucket: "no-such-bucket" }))).rejects.toMatchObject({ name: "NotFound" });
    // A bucket of us-east-1 asked for from eu-west-1: what a wrong STATE_S3_REGION meets.
    const west = client("eu-west-1");
    await expect(west.send(new GetObjectCommand({ Bucket: "team-state", Key: "app.tfstate" }))).rejects.toMatchObject({
      name: "AuthorizationHeaderMalformed",
      message: "The authorization header is malformed; the region 'eu-west-1' is wrong; expecting 'us-east-1'",
    });
    await west.send(new CreateBucketCommand({ Bucket: "west-state", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
    expect((await west.send(new HeadBucketCommand({ Bucket: "west-state" }))).BucketRegion).toBe("eu-west-1");
    await expect(
      west.send(new CreateBucketCommand({ Bucket: "west-state", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } })),
    ).rejects.toMatchObject({
      name: "BucketAlreadyOwnedByYou",
    });
    west.destroy();
    await expect(s3.send(new CreateBucketCommand({ Bucket: "Not_A_Bucket" }))).rejects.toMatchObject({ name: "InvalidBucketName" });
    const stranger = client("us-east-1", "AKIASTRANGER");
    await expect(stranger.send(new ListObjectsV2Command({ Bucket: "team-state" }))).rejects.toMatchObject({ name: "InvalidAccessKeyId" });
    stranger.destroy();
  });
});

describe("S3's refusals on the wire", () => {
  it("refuses an unsigned request in S3's XML, not the other services' words", async () => {
    const answer = await rawRequest(port, "GET /team-state/app.tfstate HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    expect([answer.status, errorCode(answer.body)]).toEqual([403, ["AccessDenied", "Access Denied"]]);
    expect(answer.head).toMatch(/content-type: application\/xml/i);
  });

  it("creates a bucket only in the region its request was signed for", async () => {
    const elsewhere = await signed(
      "PUT",
      "/west-only",
      {},
      "<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>",
    );
    expect([elsewhere.status, errorCode(elsewhere.body)?.[0]]).toEqual([400, "IllegalLocationConstraintException"]);
    const junk = await signed("PUT", "/junk-config", {}, "<Nonsense/>");
    expect([junk.status, errorCode(junk.body)?.[0]]).toEqual([400, "MalformedXML"]);
  });

  it("checks the body against the payload hash, Content-MD5 and the checksum before storing it", async () => {
    const wrongHash = await rawRequest(
      port,
      `PUT /team-state/checked HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: AWS4-HMAC-SHA256 Credential=${cloud.variables.AWS_ACCESS_KEY_ID}/20250101/us-east-1/s3/aws4_request\r\nx-amz-content-sha256: ${"0".repeat(64)}\r\nContent-Length: 4\r\n\r\nbody`,
    );
    expect([wrongHash.status, errorCode(wrongHash.body)?.[0]]).toEqual([400, "XAmzContentSHA256Mismatch"]);
    const md5 = await signed("PUT", "/team-state/checked", { "Content-MD5": createHash("md5").update("other").digest("base64") }, "body");
    expect([md5.status, errorCode(md5.body)]).toEqual([400, ["BadDigest", "The Content-MD5 you specified did not match what we received."]]);
    const checksum = await signed("PUT", "/team-state/checked", { "x-amz-checksum-sha256": sha256("other") }, "body");
    expect([checksum.status, errorCode(checksum.body)]).toEqual([
      400,
      ["BadDigest", "The SHA256 you specified did not match the calculated checksum."],
    ]);
    const crc = await signed("PUT", "/team-state/checked", { "x-amz-checksum-crc32": "AAAAAA==" }, "body");
    expect(errorCode(crc.body)?.[0]).toBe("BadDigest");
    await expect(s3.send(new HeadObjectCommand({ Bucket: "team-state", Key: "checked" }))).rejects.toMatchObject({ name: "NotFound" });
  });

  it("bounds a body before reading it, and asks for its length", async () => {
    const huge = await signed("PUT", "/team-state/huge", { "Content-Length": String(65 * 1024 * 1024) });
    expect([huge.status, errorCode(huge.body)?.[0]]).toEqual([400, "EntityTooLarge"]);
    const chunked = await signed("PUT", "/team-state/chunked", { "Transfer-Encoding": "chunked" }, "4\r\nbody\r\n0\r\n\r\n");
    expect([chunked.status, errorCode(chunked.body)?.[0]]).toEqual([411, "MissingContentLength"]);
  });

  it.each([
    ["another bucket operation", "GET", "/team-state?versioning", {}],
    ["ListObjects version 1", "GET", "/team-state", {}],
    ["ListBuckets", "GET", "/", {}],
    ["a copy", "PUT", "/team-state/copy", { "x-amz-copy-source": "/team-state/app.tfstate" }],
    ["If-Match", "PUT", "/team-state/app.tfstate", { "If-Match": '"abc"' }],
    ["SSE-KMS", "PUT", "/team-state/kms", { "x-amz-server-side-encryption": "aws:kms" }],
    ["user metadata", "PUT", "/team-state/meta", { "x-amz-meta-owner": "me" }],
    ["an aws-chunked body", "PUT", "/team-state/chunks", { "Content-Encoding": "aws-chunked" }],
    ["a multipart upload", "POST", "/team-state/big?uploads", {}],
  ])("answers %s NotImplemented, storing nothing", async (_what, method, target, headers) => {
    const answer = await signed(method, target, headers, method === "PUT" ? "body" : "");
    expect([answer.status, errorCode(answer.body)?.[0]]).toEqual([501, "NotImplemented"]);
  });

  it.each([
    ["a malformed escape in the key", "GET /team-state/%E0%A4%A HTTP/1.1", 400],
    ["a malformed escape in the bucket", "GET /%ZZ/key HTTP/1.1", 400],
    ["a range past the end", "GET /team-state/app.tfstate HTTP/1.1\r\nRange: bytes=9999-", 416],
    ["a continuation token it never gave", "GET /team-state?list-type=2&continuation-token=bm9wZQ HTTP/1.1", 400],
    ["max-keys that is no number", "GET /team-state?list-type=2&max-keys=ten HTTP/1.1", 400],
  ])("answers %s in S3's XML", async (_what, line, status) => {
    const [request, ...extra] = line.split("\r\n");
    const [method, target] = request.split(" ");
    const headers = Object.fromEntries(extra.map((h) => h.split(": ") as [string, string]));
    const answer = await signed(method, target, headers);
    expect(answer.status).toBe(status);
    expect(errorCode(answer.body)).toHaveLength(2);
  });
});
