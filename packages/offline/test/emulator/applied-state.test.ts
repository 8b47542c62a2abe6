// `npm start -- --applied` reads both stacks' state through terraform-state/stack-state.ts: a
// stack it cannot read, or one whose state holds nothing, is refused in one line naming the stack
// and the deploy that gives it state, before any server starts.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalSystem } from "../../src/emulator/local-system";
import { StateUnavailable } from "../../src/terraform-state/stack-state";
import { DEPLOY_HINT, initialisedStackFolders, stackStatesIn } from "../helpers/stack-folders";

// terraform init and state pull are real processes: more than jest's 5 s on a loaded machine.
jest.setTimeout(30_000);

const dir = mkdtempSync(join(tmpdir(), "applied-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const serve = (appliedState: Parameters<typeof startLocalSystem>[0]["appliedState"], cloudDir?: string) =>
  startLocalSystem({ outdir: join(dir, "cdktf.out"), appliedState, cloudDir, functionLog: () => undefined });

it("refuses a deployment whose stacks were never deployed, naming the deploy", async () => {
  const error = serve(stackStatesIn(join(dir, "never")));
  await expect(error).rejects.toThrow(StateUnavailable);
  await expect(error).rejects.toThrow(
    `the auth0 stack was never deployed here (no terraform working folder cdktf.out/stacks/auth0/): deploy it first: ${DEPLOY_HINT}`,
  );
});

it("refuses a stack whose state holds no resources (destroyed), with or without the local cloud", async () => {
  const root = join(dir, "destroyed");
  const states = initialisedStackFolders(root, ["auth0", "aws"], (stack) => join(root, `${stack}.tfstate`));
  for (const stack of ["auth0", "aws"]) {
    writeFileSync(join(root, `${stack}.tfstate`), JSON.stringify({ version: 4, serial: 3, lineage: "l", outputs: {}, resources: [] }));
  }
  const message = `the auth0 stack's state holds no resources (destroyed, or never applied): deploy it first: ${DEPLOY_HINT}`;
  await expect(serve(states)).rejects.toThrow(message);
  await expect(serve(states, join(dir, "cloud"))).rejects.toThrow(message);
});
