// Both halves together: the Auth0 stand-in from the auth0 stack, and the HTTP API from the
// aws stack with its remote-state issuer and audience resolved to the stand-in.
import { LIMITS } from "../model/defaults";
import { AUTH0_OUTPUTS } from "../model/outputs";
import type { ConfigValue, RouteDefinition, TenantDefinition } from "./deployment/description";
import { readApplied } from "./deployment/from-state";
import { readSynthesized } from "./deployment/from-synth";
import { startAuth0StandIn, type Auth0StandIn } from "./auth0/standin";
import { assertPortsFree, changeVariable } from "./http/util";
import type { FunctionLog } from "./lambda/runtime";
import { startHttpApiEmulator, type HttpApiEmulator } from "./http-api/emulator";
import { startSpaServer, type SpaServer } from "./test-app/server";
import { JwtAuthorizer } from "./http-api/jwt-authorizer";

export interface LocalSystemOptions {
  /** Where `cdktf synth` wrote the stacks (or, with `applied`, where terraform ran them). */
  readonly outdir: string;
  /**
   * Serve what terraform applied instead of the synthesized JSON: the folder holding
   * terraform.auth0.tfstate and terraform.aws.tfstate.
   */
  readonly appliedStateDir?: string;
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
  /** `false`: no stage throttling (load tests of the emulator itself). @default the stage's */
  readonly throttling?: false;
  /**
   * Serve the test app too, at the SPA client's local web origin (http://localhost:3000 by
   * default): the only place the client's callback URLs allow.
   */
  readonly serveSpa?: boolean;
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
const SPA_PORT_FIX = "free it, or leave the test app out with SPA=off (its port is the SPA client's registered web origin, spa.webOrigins in access-model.ts)";

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const { tenant, outputs, api, spaScope } = options.appliedStateDir ? readApplied(options.appliedStateDir, options.outdir) : readSynthesized(options.outdir);
  if (!api.authorizer) throw new Error("the aws stack has no JWT authorizer: nothing to emulate");

  const declared = options.passwordForDeclaredUsers;
  if (declared !== undefined && tenant.users.length > 0 && declared.length < LIMITS.testUserPasswordMinLength) {
    // terraform would refuse it at the auth0 stack's variable validation: so does the stand-in.
    throw new Error(`TF_VAR_test_user_password has ${declared.length} characters; the auth0 stack requires at least ${LIMITS.testUserPasswordMinLength}`);
  }
  const passwords: Record<string, string> = {};
  if (options.passwordForDeclaredUsers) for (const u of tenant.users) passwords[u.email] ??= options.passwordForDeclaredUsers;
  const spaOrigin = options.serveSpa ? localWebOrigin(tenant) : undefined;
  await assertPortsFree([
    { port: options.auth0Port ?? 0, what: "the Auth0 stand-in", fix: changeVariable("AUTH0_PORT", options.auth0Port ?? 0) },
    { port: options.apiPort ?? 0, what: "the HTTP API", fix: changeVariable("API_PORT", options.apiPort ?? 0) },
    ...(spaOrigin ? [{ port: spaPort(spaOrigin), what: "the test app", fix: SPA_PORT_FIX }] : []),
  ]);
  const auth0 = await startAuth0StandIn({ tenant, port: options.auth0Port, passwords, now: options.now });
  try {
    const resolve = (value: ConfigValue, what: string): string => {
      if ("literal" in value) return value.literal;
      // The tenant runs locally, so its issuer is the stand-in's, not https://<domain>/.
      if (value.remoteStateOutput === AUTH0_OUTPUTS.issuer) return auth0.issuer;
      const output = outputs[value.remoteStateOutput];
      if (output === undefined) throw new Error(`the aws stack's ${what} reads output "${value.remoteStateOutput}", which the auth0 stack does not define`);
      return output;
    };
    let issuer = resolve(api.authorizer.issuer, "issuer");
    if (issuer !== auth0.issuer) {
      options.warn?.(`the authorizer trusts ${issuer}; locally it trusts the stand-in ${auth0.issuer} instead`);
      issuer = auth0.issuer;
    }
    const authorizer = new JwtAuthorizer(
      { issuer, audience: api.authorizer.audience.map((a) => resolve(a, "audience")), identityHeader: api.authorizer.identityHeader },
      options.now,
    );
    const emulator = await startHttpApiEmulator({
      api,
      authorizer,
      port: options.apiPort,
      accessLog: options.accessLog,
      functionLog: options.functionLog,
      throttling: options.throttling,
      warn: options.warn,
    });
    let spa: SpaServer | undefined;
    const spaClient = auth0.clients.find((c) => c.appType === "spa");
    if (spaOrigin && spaClient) {
      try {
        spa = await startSpaServer({
          port: spaPort(spaOrigin),
          config: {
            domain: auth0.issuer.replace(/\/$/, ""),
            clientId: spaClient.clientId,
            audience: auth0.audience,
            scope: spaScope,
            // On its own domain only, the API is called by that name (the browser must resolve it to 127.0.0.1).
            apiOrigin: emulator.host ? `http://${emulator.host}:${emulator.port}` : emulator.url,
          },
        });
      } catch (err) {
        await emulator.close();
        throw err;
      }
    }
    return {
      auth0,
      api: emulator,
      authorizer,
      tenant,
      routes: api.routes,
      spaScope,
      spa,
      close: async () => {
        await spa?.close();
        await emulator.close();
        await auth0.close();
      },
    };
  } catch (err) {
    await auth0.close();
    throw err;
  }
}
