// `npm run -s token -- --role unicorn-rider` (a user's token) or `-- --client unicorn-census`
// (a machine-to-machine client's): an access token from the running stand-in, and nothing
// else on stdout, so `T=$(npm run -s token -- --role …)` works.
import { existsSync, readFileSync } from "node:fs";
import { clientCredentialsGrant, passwordGrant, type TokenEndpointAnswer } from "../emulator/auth0/token-client";
import { sessionFile, type Session } from "../emulator/session";
import { readCommand } from "./cli";
import { type Command, CommandError } from "./command";

const USAGE = `usage: npm run -s token -- (--role ROLE | --user EMAIL [--password P] | --client NAME) [--audience A] [--scope "S …"] [--issuer URL]`;

function fail(message: string): never {
  throw new CommandError(message);
}

export const TOKEN: Command = {
  name: "npm run -s token",
  summary: "prints an access token from the running stand-in, and nothing else on stdout",
  async run(project, argv) {
    const args = readTokenFlags(argv);
    const file = sessionFile(project);
    if (!existsSync(file)) fail("no running stand-in found: start it with `npm start` in another terminal");
    const session = JSON.parse(readFileSync(file, "utf8")) as Session;
    if ([args.role, args.user, args.client].filter((a) => a !== undefined).length !== 1)
      fail(`give exactly one of --role, --user or --client\n${USAGE}`);
    const issuer = args.issuer ?? session.issuer;
    let answer: TokenEndpointAnswer;
    try {
      answer = args.client !== undefined ? await clientToken(session, args.client, issuer, args) : await userToken(session, issuer, args);
    } catch (err) {
      if (err instanceof CommandError) throw err;
      fail(`cannot reach the token endpoint of ${issuer} (${(err as Error).message}); is \`npm start\` running?`);
    }
    const { status, body } = answer;
    if (status !== 200 || !body.access_token) fail(`${status} ${body.error ?? ""}: ${body.error_description ?? JSON.stringify(body)}`);
    warnOfNpmBanner();
    process.stdout.write(`${body.access_token}\n`);
  },
};

/**
 * npm prints its "> script" banner on stdout unless run with -s, so `T=$(npm run token …)`
 * would capture it with the token: said on stderr when stdout is not a terminal.
 */
function warnOfNpmBanner(): void {
  const npmRun = /^apigw-offline token\b/.test(process.env.npm_lifecycle_script ?? "");
  const silent = process.env.npm_config_loglevel === "silent";
  if (npmRun && !silent && !process.stdout.isTTY) {
    process.stderr.write(
      "token: npm printed its banner on stdout before the token; run it as `npm run -s token -- …` (or `npx apigw-offline token …`)\n",
    );
  }
}

function readTokenFlags(argv: readonly string[]) {
  return readCommand(
    {
      name: "npm run -s token",
      usage: USAGE.replace(/^usage: npm run -s token /, ""),
      summary: "Prints an access token from the running stand-in (npm start), and nothing else on stdout: T=$(npm run -s token -- --role R).",
      flags: {
        role: { type: "string", value: "ROLE", description: "a token for the demo user holding ROLE (password grant)" },
        user: { type: "string", value: "EMAIL", description: "a token for this user of the model (password grant)" },
        client: { type: "string", value: "NAME", description: "a token for this machine-to-machine client (client credentials, its whole grant)" },
        password: { type: "string", value: "P", description: "the user's password (default: the one npm start printed)" },
        audience: { type: "string", value: "A", description: "the audience to ask for (default: the API identifier)" },
        scope: { type: "string", value: '"S …"', description: "the scopes to ask for (default: openid and every permission; a client: its grant)" },
        issuer: {
          type: "string",
          value: "URL",
          description:
            "the stand-in's issuer (default: the running one's; with a custom domain, its own address gives a token of the tenant's own domain)",
        },
      },
      variables: { EMULATOR_SESSION_FILE: "where the running npm start left its session (default .local/emulator-session.json)" },
    },
    argv,
  ).flags;
}

type Args = { role?: string; user?: string; password?: string; audience?: string; scope?: string };

function userToken(session: Session, issuer: string, args: Args): Promise<TokenEndpointAnswer> {
  const user = args.user
    ? session.users.find((u) => u.email.toLowerCase() === args.user!.toLowerCase())
    : session.users.find((u) => u.roles.includes(args.role!));
  if (!user && !(args.user && args.password)) {
    const known = args.role ? [...new Set(session.users.flatMap((u) => u.roles))] : session.users.map((u) => u.email);
    fail(`no user ${args.role ? `with role "${args.role}"` : `"${args.user}"`}; known ${args.role ? "roles" : "users"}: ${known.join(", ")}`);
  }
  return passwordGrant({
    issuer,
    customDomain: session.customDomain,
    clientId: session.clientId,
    audience: args.audience ?? session.audience,
    username: user?.email ?? args.user!,
    password: args.password ?? user!.password,
    scope: args.scope ?? session.scope,
  });
}

/** The model's name (unicorn-census) or the Auth0 name (unicorn-census-dev) both work. */
function clientToken(session: Session, name: string, issuer: string, args: Args): Promise<TokenEndpointAnswer> {
  const clients = session.clients ?? [];
  const client = clients.find((c) => c.modelName === name) ?? clients.find((c) => c.name === name);
  if (!client)
    fail(
      `no machine-to-machine client "${name}"; known clients: ${clients.map((c) => c.modelName).join(", ") || "none (declare clients in the model)"}`,
    );
  return clientCredentialsGrant({
    issuer,
    customDomain: session.customDomain,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    audience: args.audience ?? session.audience,
    scope: args.scope,
  });
}
