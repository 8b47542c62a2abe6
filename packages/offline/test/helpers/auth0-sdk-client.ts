// A script of the kind a person writes against the Management API with Auth0's own SDK
// (`auth0` on npm): run as a child process with the variables `npm run cloud` prints, since the
// SDK reaches its tenant over HTTPS only and Node reads NODE_EXTRA_CA_CERTS at start. Each step
// of argv[2] (JSON: [{ call, args }]) is one SDK call; prints the answers as JSON.
import { ManagementClient } from "auth0";

type Step = { readonly call: string; readonly args: unknown[] };

async function main(): Promise<void> {
  const client = new ManagementClient({
    domain: process.env.AUTH0_DOMAIN!,
    clientId: process.env.AUTH0_CLIENT_ID!,
    clientSecret: process.env.AUTH0_CLIENT_SECRET!,
  });
  const steps: Step[] = JSON.parse(process.argv[2]);
  const answers: unknown[] = [];
  const saved: Record<string, any> = {};
  for (const step of steps) {
    // "$name.field" in an argument is a value an earlier step answered ({ save: "name" }).
    const args = JSON.parse(JSON.stringify(step.args), (_k, v) =>
      typeof v === "string" && v.startsWith("$")
        ? v
            .slice(1)
            .split(".")
            .reduce((o, p) => o?.[p], saved)
        : v,
    );
    const [group, ...rest] = step.call.split(".");
    let target: any = (client as any)[group];
    for (const part of rest.slice(0, -1)) target = target[part];
    try {
      const answer = await target[rest[rest.length - 1]](...args);
      const data = answer && typeof answer === "object" && "data" in answer ? answer.data : answer;
      if ((step as any).save) saved[(step as any).save] = data;
      answers.push(data ?? null);
    } catch (err: any) {
      answers.push({ error: err.constructor?.name, statusCode: err.statusCode, message: err.body?.message ?? err.message });
    }
  }
  process.stdout.write(JSON.stringify(answers));
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
