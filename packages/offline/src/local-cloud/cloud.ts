// `npm run cloud`'s servers: the local AWS account over HTTP (AWS_ENDPOINT_URL) and the local
// tenant's Management API over HTTPS, both on 127.0.0.1, over the same store the stand-in
// providers write (LOCAL_CLOUD_DIR). The local credentials and the TLS certificate are made once
// and kept beside the store, in its private folder, so the variables printed stay valid across restarts.
import "reflect-metadata";
import { randomBytes, webcrypto } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";
import { FILE_MODE, fileStore, keepPrivate, ManagementApi, privateFolder } from "@apigw-auth0-rbac/local-providers/cloud";
import { writeFileAtomically } from "@apigw-auth0-rbac/model/project";
import { answering, changeVariable, closeServer, listen, sendJson } from "../emulator/http/util";
import { LocalAwsEndpoint, type AwsCredentials } from "./aws/server";
import { LocalManagementApi, type ManagementCredentials } from "./auth0/management";

export interface LocalCloudOptions {
  /** The store's folder (LOCAL_CLOUD_DIR of the environment). */
  readonly dir: string;
  /** The tenant's domain as the model names it: its Management API audience is accepted too. */
  readonly tenantDomain?: string;
  /** @default 0 - any free port */
  readonly awsPort?: number;
  /** @default 0 - any free port */
  readonly auth0Port?: number;
  readonly quotas?: Readonly<Record<string, number>>;
}

export interface LocalCloud {
  readonly awsEndpoint: string;
  readonly auth0Domain: string;
  /** The variables that point real clients at this cloud, in the order printed. */
  readonly variables: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

interface Access {
  readonly aws: AwsCredentials;
  readonly auth0: ManagementCredentials;
}

/** Readable by this user only: credentials and the TLS key. */
const writePrivate = (file: string, contents: string) => writeFileAtomically(file, contents, { mode: FILE_MODE });

/** The local credentials, made on first use: an access key of the local account, and the tenant's management client. */
function accessOf(dir: string): Access {
  const file = join(dir, "access.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const access: Access = {
    aws: {
      accessKeyId: `AKIALOCAL${randomBytes(6).toString("hex").toUpperCase()}`.slice(0, 20),
      secretAccessKey: randomBytes(30).toString("base64url"),
    },
    auth0: {
      clientId: randomBytes(24).toString("base64url").replace(/[-_]/g, "x").slice(0, 32),
      clientSecret: randomBytes(48).toString("base64url"),
    },
  };
  writePrivate(file, JSON.stringify(access, null, 2));
  return access;
}

/** A self-signed certificate for 127.0.0.1 and localhost, kept in `dir/tls/` (NODE_EXTRA_CA_CERTS names it). */
async function certificateOf(dir: string): Promise<{ cert: string; key: string; file: string }> {
  const tls = join(dir, "tls");
  const certFile = join(tls, "cert.pem");
  const keyFile = join(tls, "key.pem");
  if (existsSync(certFile) && existsSync(keyFile))
    return { cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8"), file: certFile };
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8)
      .toString("hex")
      .replace(/^[89a-f]/, "1"),
    name: "CN=apigw-auth0-rbac local cloud",
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 825 * 86400_000),
    keys: keys as any,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: "ip", value: "127.0.0.1" },
        { type: "dns", value: "localhost" },
      ]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString("base64").replace(/(.{64})/g, "$1\n")}\n-----END PRIVATE KEY-----\n`;
  privateFolder(tls);
  writePrivate(keyFile, key);
  writePrivate(certFile, cert.toString("pem"));
  return { cert: cert.toString("pem"), key, file: certFile };
}

/** Starts both servers; the store may be in use by terraform at the same time. */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  // Made, or closed if an older checkout left it open, before anything is written in it.
  keepPrivate(options.dir);
  const store = fileStore(options.dir);
  const access = accessOf(options.dir);
  const tls = await certificateOf(options.dir);
  const aws = new LocalAwsEndpoint(store, access.aws, options.quotas);
  let awsBase = "";
  let auth0Base = "";
  const awsServer: Server = createHttpServer(
    answering(
      aws.name,
      (req, res) => aws.handle(req, res, awsBase),
      (res, status, message) =>
        sendJson(res, status, { message }, { "x-amzn-errortype": status === 413 ? "RequestEntityTooLargeException" : "InternalFailure" }),
    ),
  );
  const tenant = new ManagementApi(options.tenantDomain ?? "", store);
  const management = new LocalManagementApi(tenant, access.auth0, () => [
    `${auth0Base}/api/v2/`,
    ...(options.tenantDomain ? [`https://${options.tenantDomain}/api/v2/`] : []),
  ]);
  const auth0Server = createHttpsServer(
    { cert: tls.cert, key: tls.key },
    answering(
      management.name,
      (req, res) => management.handle(req, res, auth0Base),
      (res, status, message) =>
        sendJson(res, status, { statusCode: status, error: status === 500 ? "Internal Server Error" : "Bad Request", message }),
    ),
  );
  const awsPort = await listen(awsServer, options.awsPort ?? 0, changeVariable("CLOUD_AWS_PORT", options.awsPort ?? 0));
  let auth0Port: number;
  try {
    auth0Port = await listen(auth0Server as unknown as Server, options.auth0Port ?? 0, changeVariable("CLOUD_AUTH0_PORT", options.auth0Port ?? 0));
  } catch (err) {
    await closeServer(awsServer);
    throw err;
  }
  awsBase = `http://127.0.0.1:${awsPort}`;
  auth0Base = `https://127.0.0.1:${auth0Port}`;
  const variables = {
    AWS_ENDPOINT_URL: awsBase,
    AWS_REGION: process.env.AWS_REGION ?? "us-east-1",
    AWS_ACCESS_KEY_ID: access.aws.accessKeyId,
    AWS_SECRET_ACCESS_KEY: access.aws.secretAccessKey,
    AUTH0_DOMAIN: `127.0.0.1:${auth0Port}`,
    AUTH0_MANAGEMENT_API: `${auth0Base}/api/v2/`,
    AUTH0_CLIENT_ID: access.auth0.clientId,
    AUTH0_CLIENT_SECRET: access.auth0.clientSecret,
    NODE_EXTRA_CA_CERTS: tls.file,
  };
  return {
    awsEndpoint: awsBase,
    auth0Domain: variables.AUTH0_DOMAIN,
    variables,
    close: async () => {
      await closeServer(awsServer);
      await closeServer(auth0Server as unknown as Server);
    },
  };
}
