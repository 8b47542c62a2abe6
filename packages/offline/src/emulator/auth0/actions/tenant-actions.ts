// The tenant's Actions, run where Auth0 runs them: post-login after a user authenticated (login
// form, password grant) and when a refresh token is exchanged ("The post-login trigger runs when
// a user successfully authenticates … and when a Refresh Token is exchanged",
// https://auth0.com/docs/customize/actions/explore-triggers/post-login), credentials-exchange
// before a client-credentials token is returned
// (https://auth0.com/docs/customize/actions/explore-triggers/credentials-exchange). This file turns
// an execution's calls into what the grant does: claims, scopes, metadata, or Auth0's error.
import { createRequire } from "node:module";
import { join } from "node:path";
import type { ActionDefinition, ServedTrigger, TenantActions as BoundActions } from "../../deployment/description";
import type { Auth0Error } from "../errors";
import { CUSTOM_CLAIMS_MAX_BYTES, customClaimsBytes, ignoredClaim, NO_CHANGES, type TokenChanges } from "./claims";
import { credentialsExchangeEvent, type CredentialsExchangeEventInput, postLoginEvent, type PostLoginEventInput } from "./event";
import type { ApiCall, ExecutionJob, JobAction } from "./protocol";
import { type ActionLog, ActionRunner, EXECUTION_TIME_LIMIT_MS, type ExecutionOutcome } from "./runner";
import type { UserProfiles } from "./user-profiles";

export type ActionsDecision = { readonly allowed: true; readonly changes: TokenChanges } | { readonly allowed: false; readonly error: Auth0Error };

const ALLOWED_UNCHANGED: ActionsDecision = { allowed: true, changes: NO_CHANGES };

export interface TenantActionsOptions {
  readonly bound?: BoundActions;
  readonly profiles: UserProfiles;
  /** Where the Actions' declared npm packages are installed. @default the working directory */
  readonly projectRoot?: string;
  /** TF_VAR_<variable> for each secret held in a Terraform variable. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default EXECUTION_TIME_LIMIT_MS */
  readonly timeLimitMs?: number;
  readonly log?: ActionLog;
  /** Told, once each, what the stand-in substitutes or ignores. */
  readonly warn?: (message: string) => void;
}

export type { TokenChanges } from "./claims";
export type PostLoginInput = Omit<PostLoginEventInput, "profile">;
export type CredentialsExchangeInput = CredentialsExchangeEventInput;

export class TenantActions {
  private readonly runner: ActionRunner;
  private readonly jobs: Readonly<Record<ServedTrigger, readonly JobAction[]>>;
  private readonly projectRoot: string;
  private readonly warned = new Set<string>();
  private readonly timeLimitMs: number;

  constructor(private readonly options: TenantActionsOptions) {
    this.projectRoot = options.projectRoot ?? process.cwd();
    this.timeLimitMs = options.timeLimitMs ?? EXECUTION_TIME_LIMIT_MS;
    const env = options.env ?? process.env;
    const bound = options.bound?.bound ?? { "post-login": [], "credentials-exchange": [] };
    this.jobs = {
      "post-login": bound["post-login"].map((a) => this.jobAction(a, env)),
      "credentials-exchange": bound["credentials-exchange"].map((a) => this.jobAction(a, env)),
    };
    for (const trigger of new Set(options.bound?.unservedTriggers ?? [])) {
      this.warnOnce(`the auth0 stack binds Actions to the ${trigger} trigger: the stand-in does not run that trigger (docs/ACTIONS.md)`);
    }
    this.runner = new ActionRunner({ timeLimitMs: this.timeLimitMs, log: options.log });
    if (this.jobs["post-login"].length + this.jobs["credentials-exchange"].length > 0) this.runner.warm();
  }

  /** The post-login Actions for a user who authenticated (or refreshed); metadata changes are kept for later logins. */
  async postLogin(input: PostLoginInput, firstFactor: boolean): Promise<ActionsDecision> {
    const actions = this.jobs["post-login"];
    if (firstFactor) this.options.profiles.loggedIn(input.user.userId);
    if (actions.length === 0) return ALLOWED_UNCHANGED;
    const event = postLoginEvent({ ...input, profile: this.options.profiles.of(input.user.userId) });
    const outcome = await this.execute("post-login", actions, event);
    if (outcome.kind !== "completed") return refusal(outcome, this.timeLimitMs);
    const { calls, failure } = outcome.result;
    // "This will NOT cancel other user-related side-effects (such as metadata changes)" (api.access.deny).
    // An execution that failed changes nothing: its flow never completed.
    if (!failure) this.options.profiles.apply(input.user.userId, metadataChanges(calls));
    if (failure) return refused(failure.message);
    const denial = calls.find((c) => c.method === "access.deny");
    if (denial) return refused(String(denial.args[0]));
    return this.decided(calls);
  }

  /** The credentials-exchange Actions for a client about to get a token. */
  async credentialsExchange(input: CredentialsExchangeInput): Promise<ActionsDecision> {
    const actions = this.jobs["credentials-exchange"];
    if (actions.length === 0) return ALLOWED_UNCHANGED;
    const outcome = await this.execute("credentials-exchange", actions, credentialsExchangeEvent(input));
    if (outcome.kind !== "completed") return refusal(outcome, this.timeLimitMs);
    const { calls, failure } = outcome.result;
    if (failure) return refused(failure.message);
    const denial = calls.find((c) => c.method === "access.deny");
    if (denial) {
      // The code the Action chose is the error; Auth0 documents no status for it: a token
      // endpoint error is a 400 "unless specified otherwise" (RFC 6749 §5.2).
      const [code, reason] = denial.args;
      return { allowed: false, error: { status: 400, error: String(code), description: reason === undefined ? "" : String(reason) } };
    }
    return this.decided(calls);
  }

  sizes(): Record<string, number> {
    return this.runner.sizes();
  }

  close(): Promise<void> {
    return this.runner.close();
  }

  private execute(trigger: ServedTrigger, actions: readonly JobAction[], event: Record<string, unknown>): Promise<ExecutionOutcome> {
    const job: ExecutionJob = { trigger, actions, event, projectRoot: this.projectRoot };
    return this.runner.run(job);
  }

  /** The token changes the calls ask for, less the claims Auth0 ignores (named once each, as a warning). */
  private decided(calls: readonly ApiCall[]): ActionsDecision {
    const claims = (method: string) =>
      calls
        .filter((c) => c.method === method)
        .filter((c) => {
          const name = String(c.args[0]);
          const why = ignoredClaim(name);
          if (why)
            this.warnOnce(`Action ${c.action} sets ${JSON.stringify(name)}, ${why}: Auth0 leaves it out of the token, and so does the stand-in`);
          return !why;
        })
        .map((c) => [String(c.args[0]), c.args[1]] as const);
    const changes: TokenChanges = {
      accessTokenClaims: claims("accessToken.setCustomClaim"),
      idTokenClaims: claims("idToken.setCustomClaim"),
      scopeChanges: calls
        .filter((c) => c.method === "accessToken.addScope" || c.method === "accessToken.removeScope")
        .map((c) => ({ add: c.method === "accessToken.addScope", scope: String(c.args[0]) })),
    };
    for (const [token, custom] of [
      ["access", changes.accessTokenClaims],
      ["ID", changes.idTokenClaims],
    ] as const) {
      if (customClaimsBytes(custom) > CUSTOM_CLAIMS_MAX_BYTES) {
        return refused(`the custom claims of the ${token} token exceed ${CUSTOM_CLAIMS_MAX_BYTES / 1024}KB (Auth0's limit)`);
      }
    }
    return { allowed: true, changes };
  }

  /** What the worker needs of an Action: its code, declared packages, and secret values as this start has them. */
  private jobAction(action: ActionDefinition, env: Readonly<Record<string, string | undefined>>): JobAction {
    const secrets = action.secrets.map((s) => {
      if ("value" in s) return [s.name, s.value] as const;
      const variable = `TF_VAR_${s.variable}`;
      const value = env[variable];
      if (value === undefined) this.warnOnce(`${variable} is not set: Action ${action.name} gets event.secrets.${s.name} = "" offline`);
      return [s.name, value ?? ""] as const;
    });
    this.checkDependencies(action);
    return { name: action.name, code: action.code, dependencies: action.dependencies.map((d) => d.name), secrets: Object.fromEntries(secrets) };
  }

  /** Declared packages come from the project's node_modules: said at start when one is missing or another version. */
  private checkDependencies(action: ActionDefinition): void {
    const fromProject = createRequire(join(this.projectRoot, "package.json"));
    for (const { name, version } of action.dependencies) {
      let installed: string | undefined;
      try {
        installed = String(fromProject(`${name}/package.json`).version);
      } catch {
        this.warnOnce(
          `Action ${action.name} declares ${name}@${version}, which the project does not install: requiring it fails offline (npm install --save-dev ${name}@${version})`,
        );
        continue;
      }
      if (installed !== version) {
        this.warnOnce(`Action ${action.name} declares ${name}@${version}; offline it runs with the project's ${name}@${installed}`);
      }
    }
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.options.warn?.(message);
  }
}

/**
 * A denied or failed execution, as the client sees it: "access_denied" with the reason given to
 * api.access.deny, or the message of the error an Action did not catch, as error_description
 * (Auth0 support, "Troubleshooting the access_denied Error":
 * https://support.auth0.com/center/s/article/troubleshooting-the-access-denied-error).
 */
function refused(description: string): ActionsDecision {
  return { allowed: false, error: { status: 403, error: "access_denied", description } };
}

/** An execution that did not complete: past the time limit, or its thread ended under it. */
function refusal(outcome: Exclude<ExecutionOutcome, { kind: "completed" }>, timeLimitMs: number): ActionsDecision {
  if (outcome.kind === "timed-out") {
    // "must complete in 20 seconds or less or the processing will end in an error" (Actions limitations): the wording is the stand-in's.
    return refused(`the Actions did not complete within ${timeLimitMs / 1000} seconds`);
  }
  return refused(outcome.message);
}

function metadataChanges(calls: readonly ApiCall[]) {
  const of = (method: string) => calls.filter((c) => c.method === method).map((c) => [String(c.args[0]), c.args[1]] as const);
  return { app: of("user.setAppMetadata"), user: of("user.setUserMetadata") };
}
