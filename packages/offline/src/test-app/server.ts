// Serves the test app (the package's test-app/ folder) with its auth_config.json, bundling it
// with esbuild at start.
import { readFileSync } from "node:fs";
import { createServer, STATUS_CODES, type Server } from "node:http";
import { join } from "node:path";
import { buildSync } from "esbuild";
import type { Project } from "@apigw-auth0-rbac/model/project";
import { authConfigSchema, type AuthConfig } from "./auth-config";
import { answering, answerUnparsable, closeServer, listen, requestTarget } from "../emulator/http/util";

/** The app's sources, in this package (src/test-app/ and dist/test-app/ are both two levels down). */
const SPA_DIR = join(__dirname, "..", "..", "test-app");

/** Where `npm run spa-config` writes the configuration for a deployed tenant and API: the project's local folder. */
export const deployedAuthConfigFile = (project: Pick<Project, "localDir">) => join(project.localDir, "test-app", "auth_config.json");

export interface SpaServer {
  /** http://localhost:<port>: the origin registered as the SPA's callback and web origin. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function bundleSpa(): string {
  const result = buildSync({
    entryPoints: [join(SPA_DIR, "app.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    platform: "browser",
    write: false,
    outfile: "app.js",
    legalComments: "none",
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

export async function startSpaServer(options: { readonly config: AuthConfig; readonly port?: number }): Promise<SpaServer> {
  const config = authConfigSchema.parse(options.config);
  const tenantOrigin = new URL(/^https?:\/\//.test(config.domain) ? config.domain : `https://${config.domain}`).origin;
  const files: Record<string, { type: string; body: string }> = {
    "/": { type: "text/html; charset=utf-8", body: readFileSync(join(SPA_DIR, "index.html"), "utf8") },
    "/style.css": { type: "text/css; charset=utf-8", body: readFileSync(join(SPA_DIR, "style.css"), "utf8") },
    "/app.js": { type: "text/javascript; charset=utf-8", body: bundleSpa() },
    "/auth_config.json": { type: "application/json; charset=utf-8", body: JSON.stringify(config, null, 2) },
  };
  // The page may talk to its own origin, the tenant and the API, and nothing else.
  const csp = [
    "default-src 'self'",
    `connect-src 'self' ${tenantOrigin} ${new URL(config.apiOrigin).origin}`,
    `frame-src ${tenantOrigin}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");

  const server: Server = createServer(
    answering(
      "test app server",
      (req, res) => {
        const { path } = requestTarget(req.url);
        // The app's own routes (e.g. /callback) all serve the page.
        const file = files[path] ?? (req.headers.accept?.includes("text/html") ? files["/"] : undefined);
        if (!file || (req.method !== "GET" && req.method !== "HEAD")) {
          res.writeHead(404, { "content-type": "text/plain" });
          res.end("Not Found");
          return;
        }
        res.writeHead(200, {
          "content-type": file.type,
          "cache-control": "no-store",
          "content-security-policy": csp,
          "x-content-type-options": "nosniff",
          "referrer-policy": "no-referrer",
        });
        res.end(req.method === "HEAD" ? undefined : file.body);
      },
      (res, status, message) => {
        res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
        res.end(status === 500 ? "Internal Server Error" : `Bad Request: ${message}`);
      },
    ),
  );
  answerUnparsable(server, (status) => ({ contentType: "text/plain; charset=utf-8", body: STATUS_CODES[status] ?? "Bad Request" }));
  const port = await listen(
    server,
    options.port ?? 0,
    "free it, or leave the test app out with SPA=off (it must run at the origin the SPA client registers: spa.webOrigins and spa.callbackUrls in the model)",
  );
  return { url: `http://localhost:${port}`, port, close: () => closeServer(server) };
}
