// Both halves together: the Auth0 stand-in from the auth0 stack, and the HTTP API from the
// aws stack with its remote-state issuer and audience resolved to the stand-in.
import { AUTH0_OUTPUTS, HOST_NAME, LIMITS } from "@apigw-auth0-rbac/model";
import type { AuthorizerDefinition, ConfigValue, RouteDefinition, TenantDefinition } from "./deployment/description";
import { readFromCloud } from "./deployment/from-cloud";
import { readApplied } from "./deployment/from-state";
import { readSynthesized } from "./deployment/from-synth";
import { startAuth0StandIn, type Auth0StandIn } from "./auth0/standin";
import { assertPortsFree, changeVariable } from "./http/util";
import type { FunctionLog } from "./lambda/runtime";
import type { ActionLog } from "./auth0/actions/runner";
import { startHttpApiEmulator, type HttpApiEmulator } from "./http-api/emulator";
import type { AuthConfig } from "../test-app/auth-config";
import { startSpaServer, type SpaServer } from "../test-app/server";
import { fetchResolvingToLoopback } from "./http/loopback";
import { JwtAuthorizer, type JwtAuthorizerConfig } from "./http-api/jwt-authorizer";
import type { StackStates } from "../terraform-state/stack-state";

export interface LocalSystemOptions {
  /** Where `cdktf synth` wrote the stacks (or, with `applied`, where terraform ran them). */
  readonly outdir: string;
  /**
   * Serve what terraform applied instead of the synthesized JSON: where the stacks ran, their
   * state pulled from their backend (terraform-state/stack-state.ts).
   */
  readonly appliedState?: StackStates;
  /**
   * With appliedState: the local cloud to serve (LOCAL_CLOUD_DIR of the environment): the
   * applied objects as the cloud holds them now, changes made behind terraform's back included.
   */
  readonly cloudDir?: string;
  /** @default 0 - any free port */
  readonly auth0Port?: number;
  /** @default 0 - any free port */
  readonly apiPort?: number;
  readonly accessLog?: (line: string) => void;
  /** One password for every user the model declares (what TF_VAR_test_user_password gives them in Auth0). */
  readonly passwordForDeclaredUsers?: string;
  readonly now?: () => number;
  /** Told about anything the emulator had to substitute. */
  readonly warn?: (message: string) => void;
  /** Where the handlers' console output goes. @default stderr, each line prefixed with the function's name */
  readonly functionLog?: FunctionLog;
  /** Where the Actions' console lines go. @default stderr, each line prefixed with the Action's name */
  readonly actionLog?: ActionLog;
  /** Where the Actions' declared npm packages are installed (the project's root). @default the working directory */
  readonly projectRoot?: string;
  /** Auth0's 20 seconds per execution of a trigger, shortened by tests. */
  readonly actionTimeLimitMs?: number;
  /** The project's bundle folders, whose source maps name the handlers' TypeScript in stack traces. @default none */
  readonly sourceMapDirs?: readonly string[];
  /** `false`: no stage throttling (load tests of the emulator itself). @default the stage's */
  readonly throttling?: false;
  /**
   * Serve the test app too, at the SPA client's local web origin (http://localhost:3000 by
   * default): the only place the client's callback URLs allow.
   */
  readonly serveSpa?: boolean;
  /** A path to call for each route key (the model's examples), for the test app's buttons. @default - each route's own path */
  readonly routeExamples?: ReadonlyMap<string, string | undefined>;
}

export interface LocalSystem {
  readonly auth0: Auth0StandIn;
  readonly api: HttpApiEmulator;
  readonly authorizer: JwtAuthorizer;
  readonly tenant: TenantDefinition;
  readonly routes: readonly RouteDefinition[];
  /** The scope an app requests: the auth0 stack's spa_auth_config scope. */
  readonly spaScope: string;
  /** Present when serveSpa was asked for and the SPA client has a local web origin. */
  readonly spa?: SpaServer;
  close(): Promise<void>;
}

/** The SPA client's localhost web origin: the only place its callback URLs let the test app run. */
function localWebOrigin(tenant: TenantDefinition): URL | undefined {
  const spaClient = tenant.clients.find((c) => c.appType === "spa");
  return spaClient?.webOrigins.map((o) => new URL(o)).find((u) => ["localhost", "127.0.0.1"].includes(u.hostname));
}
const spaPort = (origin: URL) => Number(origin.port || 80);
const SPA_PORT_FIX =
  "free it, or leave the test app out with SPA=off (its port is the SPA client's registered web origin, spa.webOrigins in the model)";

/**
 * Reads the deployment (synthesized or applied), checks what terraform would refuse and that
 * every port is free, then starts the Auth0 stand-in, the HTTP API trusting it, and the test app.
 * Whatever started is closed again when a later step fails.
 */
export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const deployment = readDeployment(options);
  const { tenant, api, spaScope } = deployment;
  if (!api.authorizer) throw new Error("the aws stack has no JWT authorizer: nothing to emulate");
  const passwords = declaredPasswords(tenant, options.passwordForDeclaredUsers);
  const spaOrigin = options.serveSpa ? localWebOrigin(tenant) : undefined;
  await assertPortsFree([
    { port: options.auth0Port ?? 0, what: "the Auth0 stand-in", fix: changeVariable("AUTH0_PORT", options.auth0Port ?? 0) },
    { port: options.apiPort ?? 0, what: "the HTTP API", fix: changeVariable("API_PORT", options.apiPort ?? 0) },
    ...(spaOrigin ? [{ port: spaPort(spaOrigin), what: "the test app", fix: SPA_PORT_FIX }] : []),
  ]);

  const started: { close(): Promise<void> }[] = [];
  try {
    const customDomain = customDomainOf(deployment.outputs);
    const auth0 = await startAuth0StandIn({
      tenant,
      port: options.auth0Port,
      passwords,
      now: options.now,
      ...(customDomain ? { customDomain } : {}),
      projectRoot: options.projectRoot,
      actionLog: options.actionLog,
      actionTimeLimitMs: options.actionTimeLimitMs,
      warn: options.warn,
    });
    started.unshift(auth0);
    const authorizer = new JwtAuthorizer(authorizerSettings(api.authorizer, deployment.outputs, auth0, options.warn), options.now);
    const emulator = await startHttpApiEmulator({
      api,
      authorizer,
      port: options.apiPort,
      accessLog: options.accessLog,
      functionLog: options.functionLog,
      sourceMapDirs: options.sourceMapDirs,
      throttling: options.throttling,
      warn: options.warn,
    });
    started.unshift(emulator);
    // On its own domain only, the API is called by that name (the browser must resolve it to 127.0.0.1).
    const apiOrigin = emulator.host ? `http://${emulator.host}:${emulator.port}` : emulator.url;
    const getRoutes = api.routes
      .filter((r) => r.method === "GET")
      .map((r) => ({ routeKey: r.routeKey, path: options.routeExamples?.get(r.routeKey) ?? r.path }));
    const spa = spaOrigin ? await startTestApp(spaOrigin, auth0, { apiOrigin, scope: spaScope, routes: getRoutes }) : undefined;
    if (spa) started.unshift(spa);
    const close = async () => {
      for (const server of started) await server.close();
    };
    return { auth0, api: emulator, authorizer, tenant, routes: api.routes, spaScope, spa, close };
  } catch (err) {
    for (const server of started) await server.close();
    throw err;
  }
}

/** Applied state as the local cloud holds it now, applied state as terraform recorded it, or the synthesized JSON. */
function readDeployment(options: LocalSystemOptions) {
  if (!options.appliedState) return readSynthesized(options.outdir);
  return options.cloudDir
    ? readFromCloud(options.appliedState, options.outdir, options.cloudDir, undefined, options.warn)
    : readApplied(options.appliedState, options.outdir);
}

/** The password of each user the model declares, when one is given; terraform's minimum applies. */
function declaredPasswords(tenant: TenantDefinition, password: string | undefined): Record<string, string> {
  if (password === undefined) return {};
  if (tenant.users.length > 0 && password.length < LIMITS.testUserPasswordMinLength) {
    // terraform would refuse it at the auth0 stack's variable validation: so does the stand-in.
    throw new Error(
      `TF_VAR_test_user_password has ${password.length} characters; the auth0 stack requires at least ${LIMITS.testUserPasswordMinLength}`,
    );
  }
  return password ? Object.fromEntries(tenant.users.map((u) => [u.email, password])) : {};
}

/** The auth0 stack's custom_domain output, when it has one: a host name, or the deployment is not what the stack writes. */
function customDomainOf(outputs: Readonly<Record<string, string>>): string | undefined {
  const customDomain = outputs[AUTH0_OUTPUTS.customDomain];
  if (customDomain === undefined) return undefined;
  if (!HOST_NAME.test(customDomain))
    throw new Error(
      `the auth0 stack's ${AUTH0_OUTPUTS.customDomain} output ${JSON.stringify(customDomain)} is not a host name; synthesize or deploy again`,
    );
  return customDomain;
}

/**
 * The authorizer's issuer and audience with remote-state outputs resolved. The issuer is always
 * the stand-in's: its custom domain's for the custom domain's issuer, its own address's otherwise.
 */
function authorizerSettings(
  authorizer: AuthorizerDefinition,
  outputs: Readonly<Record<string, string>>,
  auth0: Auth0StandIn,
  warn: ((message: string) => void) | undefined,
): JwtAuthorizerConfig {
  const resolve = (value: ConfigValue, what: string): string => {
    if ("literal" in value) return value.literal;
    // The tenant runs locally, so its issuer is the stand-in's, not https://<domain>/.
    if (value.remoteStateOutput === AUTH0_OUTPUTS.issuer) return auth0.issuerFor(outputs[AUTH0_OUTPUTS.issuer] ?? "");
    const output = outputs[value.remoteStateOutput];
    if (output === undefined)
      throw new Error(`the aws stack's ${what} reads output "${value.remoteStateOutput}", which the auth0 stack does not define`);
    return output;
  };
  const issuer = resolve(authorizer.issuer, "issuer");
  const local = auth0.issuerFor(issuer);
  if (issuer !== local) warn?.(`the authorizer trusts ${issuer}; locally it trusts the stand-in ${local} instead`);
  return {
    issuer: local,
    audience: authorizer.audience.map((a) => resolve(a, "audience")),
    identityHeader: authorizer.identityHeader,
    fetch: fetchResolvingToLoopback(auth0.customDomain ? [auth0.customDomain] : []),
  };
}

/** The test app at the SPA client's local origin, configured for the stand-in and the emulated API. */
async function startTestApp(
  origin: URL,
  auth0: Auth0StandIn,
  app: Pick<AuthConfig, "apiOrigin" | "scope" | "routes">,
): Promise<SpaServer | undefined> {
  const spaClient = auth0.clients.find((c) => c.appType === "spa");
  if (!spaClient) return undefined;
  return startSpaServer({
    port: spaPort(origin),
    config: { domain: auth0.issuer.replace(/\/$/, ""), clientId: spaClient.clientId, audience: auth0.audience, ...app },
  });
}
