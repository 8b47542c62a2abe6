// `npm run -s token -- --role unicorn-rider`: an access token from the running stand-in,
// and nothing else on stdout, so `T=$(npm run -s token -- --role …)` works.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { passwordGrant } from "../emulator/password-grant";
import { sessionFile, type Session } from "../emulator/session";

const USAGE = `usage: npm run -s token -- (--role ROLE | --user EMAIL) [--password P] [--audience A] [--scope "S …"] [--issuer URL]`;

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        role: { type: "string" },
        user: { type: "string" },
        password: { type: "string" },
        audience: { type: "string" },
        scope: { type: "string" },
        issuer: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const SESSION_FILE = sessionFile();
  if (!existsSync(SESSION_FILE)) fail("no running stand-in found: start it with `npm start` in another terminal");
  const session = JSON.parse(readFileSync(SESSION_FILE, "utf8")) as Session;

  if (!args.role === !args.user) fail(`give exactly one of --role or --user\n${USAGE}`);
  const user = args.user
    ? session.users.find((u) => u.email.toLowerCase() === args.user!.toLowerCase())
    : session.users.find((u) => u.roles.includes(args.role!));
  if (!user && !(args.user && args.password)) {
    const known = args.role ? [...new Set(session.users.flatMap((u) => u.roles))] : session.users.map((u) => u.email);
    fail(`no user ${args.role ? `with role "${args.role}"` : `"${args.user}"`}; known ${args.role ? "roles" : "users"}: ${known.join(", ")}`);
  }

  const issuer = args.issuer ?? session.issuer;
  let answer;
  try {
    answer = await passwordGrant({
      issuer,
      clientId: session.clientId,
      audience: args.audience ?? session.audience,
      username: user?.email ?? args.user!,
      password: args.password ?? user!.password,
      scope: args.scope ?? session.scope,
    });
  } catch (err) {
    fail(`cannot reach the token endpoint of ${issuer} (${(err as Error).message}); is \`npm start\` running?`);
  }
  const { status, body } = answer;
  if (status !== 200 || !body.access_token) {
    fail(`${status} ${body.error ?? ""}: ${body.error_description ?? JSON.stringify(body)}`);
  }
  process.stdout.write(`${body.access_token}\n`);
}

void main();
