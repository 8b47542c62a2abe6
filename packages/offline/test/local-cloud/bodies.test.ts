// `npm run cloud` answers a request whose credentials it refuses without reading its body, and
// bounds the bodies it does read: a stranger cannot make it buffer megabytes. Each request here
// declares a large body, sends a little of it and waits: the answer must come before the rest.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalCloud, type LocalCloud } from "../../src/local-cloud/cloud";

const dir = mkdtempSync(join(tmpdir(), "local-cloud-bodies-"));
let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ dir });
}, 20_000);
afterAll(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
}, 20_000);

/** The answer to a request that declares `declared` bytes of body and sends 1 KiB of it; "no answer" after `wait` ms. */
function partialRequest(url: string, method: string, declared: number, headers: Record<string, string> = {}, wait = 5_000) {
  const https = url.startsWith("https:");
  return new Promise<{ status: number; body: string } | "no answer">((resolve) => {
    const req = (https ? httpsRequest : httpRequest)(
      url,
      {
        method,
        headers: { "content-type": "application/json", "content-length": String(declared), ...headers },
        ...(https ? { ca: readFileSync(cloud.variables.NODE_EXTRA_CA_CERTS) } : {}),
      },
      (res: IncomingMessage) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => {
          clearTimeout(timer);
          req.destroy();
          resolve({ status: res.statusCode!, body });
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      resolve("no answer");
    }, wait);
    // The server may close the connection while this side still writes: the answer is what counts.
    req.on("error", () => undefined);
    req.write(Buffer.alloc(1024, " "));
  });
}

/** A SigV4 Authorization header as the SDKs send it (the servers check the access key id only). */
const signed = (key: string, service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${key}/20250101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`,
});

it("refuses the Management API without a token before reading the body", async () => {
  expect(await partialRequest(`${cloud.variables.AUTH0_MANAGEMENT_API}roles`, "POST", 900 * 1024)).toMatchObject({ status: 401 });
}, 20_000);

it("refuses an AWS call without the local key before reading the body", async () => {
  const answer = await partialRequest(`${cloud.variables.AWS_ENDPOINT_URL}/v2/apis`, "POST", 60 * 1024 * 1024, signed("AKIASTRANGER", "apigateway"));
  expect(answer).toMatchObject({ status: 403, body: expect.stringContaining("The security token included in the request is invalid.") });
}, 20_000);

it("answers the code download, which needs no key, without reading a body", async () => {
  const answer = await partialRequest(`${cloud.variables.AWS_ENDPOINT_URL}/2015-03-31/functions/none/local-code`, "GET", 60 * 1024 * 1024);
  expect(answer).toMatchObject({ status: 404 });
}, 20_000);

it("bounds the bodies of the local key's calls: a function's code as Lambda does, anything else at 1 MiB", async () => {
  const key = cloud.variables.AWS_ACCESS_KEY_ID;
  const code = await partialRequest(`${cloud.variables.AWS_ENDPOINT_URL}/2015-03-31/functions`, "POST", 69_905_068, signed(key, "lambda"));
  expect(code).toMatchObject({ status: 413, body: expect.stringContaining("Request must be smaller than 69905067 bytes") });
  const api = await partialRequest(`${cloud.variables.AWS_ENDPOINT_URL}/v2/apis`, "POST", 2 * 1024 * 1024, signed(key, "apigateway"));
  expect(api).toMatchObject({ status: 413 });
}, 20_000);
