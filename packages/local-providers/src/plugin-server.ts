// Serves a provider the way terraform starts one: hashicorp/go-plugin's handshake on
// stdout, gRPC over a unix socket with AutoMTLS, and the go-plugin side services (health,
// controller, stdio, broker) beside the tfplugin6 Provider service.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import * as x509 from "@peculiar/x509";
import type { PluginProtocol, ProviderRpcs, Rpc } from "./rpc";
import { traceReady, traceSpent, tracing } from "./trace";

const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const PROTOCOL_VERSION = 6;

/** Unary RPCs by name, each a function of its request (the services' own types say which). */
type UnaryHandlers = Readonly<Record<string, Rpc<never, unknown>>>;

/** The three protocol files, loaded once (they ship beside the bundle). */
function loadProtocol(protocolDir: string): PluginProtocol {
  const definition = protoLoader.loadSync(
    ["tfplugin6.proto", "go-plugin.proto", "health.proto"].map((f) => join(protocolDir, f)),
    { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true },
  );
  return grpc.loadPackageDefinition(definition) as unknown as PluginProtocol;
}

/** A self-signed certificate for localhost, as go-plugin's AutoMTLS expects of a server. */
async function serverCertificate(): Promise<{ certPem: string; keyPem: string; der: Buffer }> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString("hex")
      .replace(/^[89a-f]/, "1"),
    name: "O=HashiCorp, CN=localhost",
    notBefore: new Date(now - 30_000),
    notAfter: new Date(now + 24 * 3600_000),
    // Node's webcrypto key pair is the DOM CryptoKeyPair the library is typed for.
    keys: keys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]["keys"],
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyAgreement | x509.KeyUsageFlags.keyCertSign,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: "dns", value: "localhost" }]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString("base64").replace(/(.{64})/g, "$1\n")}\n-----END PRIVATE KEY-----\n`;
  return { certPem: cert.toString("pem"), keyPem, der: Buffer.from(cert.rawData) };
}

export interface PluginOptions {
  /** The folder holding tfplugin6.proto, go-plugin.proto and health.proto. */
  readonly protocolDir: string;
  /** The tfplugin6 Provider service's RPCs. */
  readonly provider: ProviderRpcs;
  /** Shown when the executable is started by hand. */
  readonly name: string;
}

/** Starts the plugin; returns when terraform has the handshake line. */
export async function servePlugin(options: PluginOptions): Promise<void> {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write(
      `${options.name}: this is a terraform provider plugin (a local stand-in). It is started by terraform, not by hand; run it through \`npm run local -- <cdktf command>\`.\n`,
    );
    process.exit(1);
  }
  const offered = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? String(PROTOCOL_VERSION)).split(",").map(Number);
  if (!offered.includes(PROTOCOL_VERSION)) {
    process.stderr.write(
      `${options.name}: terraform offers plugin protocol ${offered.join(", ")}; this stand-in speaks ${PROTOCOL_VERSION} only (terraform ≥ 1.0)\n`,
    );
    process.exit(1);
  }
  // terraform decides when a provider stops; an interrupt is for terraform itself.
  process.on("SIGINT", () => undefined);

  const proto = loadProtocol(options.protocolDir);
  const server = new grpc.Server({ "grpc.max_receive_message_length": 256 * 1024 * 1024, "grpc.max_send_message_length": 256 * 1024 * 1024 });

  const unary = (handlers: UnaryHandlers): grpc.UntypedServiceImplementation =>
    Object.fromEntries(
      Object.entries(handlers).map(([name, handler]) => [
        name,
        (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
          const started = tracing ? performance.now() : 0;
          Promise.resolve()
            // The request decoded by proto-loader is the message the service definition names.
            .then(() => handler(call.request as never))
            .finally(() => tracing && traceSpent(`rpc ${name}`, performance.now() - started))
            .then(
              (response) => callback(null, response),
              (err: Error) => {
                process.stderr.write(`${options.name}: ${name}: ${err.stack ?? err}\n`);
                callback({ code: grpc.status.INTERNAL, details: `${options.name}: ${err.message}` });
              },
            );
        },
      ]),
    );

  const socketDir = mkdtempSync(join(tmpdir(), "tf-local-provider-"));
  const socket = join(socketDir, "plugin.sock");
  const stop = () => {
    server.forceShutdown();
    rmSync(socketDir, { recursive: true, force: true });
    process.exit(0);
  };

  server.addService(proto.tfplugin6.Provider.service, unary(options.provider));
  server.addService(proto.grpc.health.v1.Health.service, unary({ Check: () => ({ status: "SERVING" }) }));
  server.addService(
    proto.plugin.GRPCController.service,
    unary({
      Shutdown: () => {
        setImmediate(stop);
        return {};
      },
    }),
  );
  // Kept open and silent: the stand-in writes its own diagnostics to stderr.
  server.addService(proto.plugin.GRPCStdio.service, { StreamStdio: () => undefined });
  server.addService(proto.plugin.GRPCBroker.service, {
    StartStream: (stream: grpc.ServerDuplexStream<unknown, unknown>) => stream.on("data", () => undefined),
  });

  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  let credentials = grpc.ServerCredentials.createInsecure();
  let certField = "";
  if (clientCert) {
    const { certPem, keyPem, der } = await serverCertificate();
    credentials = grpc.ServerCredentials.createSsl(
      Buffer.from(clientCert),
      [{ private_key: Buffer.from(keyPem), cert_chain: Buffer.from(certPem) }],
      true,
    );
    // go-plugin reads the certificate as base64 without padding (Go's RawStdEncoding).
    certField = der.toString("base64").replace(/=+$/, "");
  }
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix://${socket}`, credentials, (err) => (err ? reject(err) : resolve())));
  process.on("exit", () => rmSync(socketDir, { recursive: true, force: true }));
  process.on("SIGTERM", stop);
  traceReady();
  process.stdout.write(`1|${PROTOCOL_VERSION}|unix|${socket}|grpc|${certField}\n`);
}
