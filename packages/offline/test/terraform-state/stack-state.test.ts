// Reading a stack's state where its backend keeps it (terraform-state/stack-state.ts): through
// `terraform state pull` in the stack's working folder, whatever file name the backend uses;
// and one line naming the stack, the folder and the fix when it cannot.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pullStackState, StateUnavailable } from "../../src/terraform-state/stack-state";
import { DEPLOY_HINT, initialisedStackFolders, stackStatesIn } from "../helpers/stack-folders";

// terraform init and state pull are real processes: more than jest's 5 s on a loaded machine.
jest.setTimeout(30_000);

const dir = mkdtempSync(join(tmpdir(), "stack-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `case-${++n}`);

/** The one-line message `pullStackState` refuses with. */
function refusal(read: () => unknown): string {
  try {
    read();
  } catch (err) {
    expect(err).toBeInstanceOf(StateUnavailable);
    expect((err as Error).message).not.toContain("\n");
    return (err as Error).message;
  }
  throw new Error("the state was read");
}

const STATE = {
  version: 4,
  terraform_version: "1.11.4",
  serial: 7,
  lineage: "5d0b7e0c-0000-4000-8000-000000000000",
  outputs: { audience: { value: "https://api", type: "string" } },
  resources: [
    {
      mode: "managed",
      type: "auth0_role",
      name: "reader",
      provider: 'provider["registry.terraform.io/auth0/auth0"]',
      instances: [{ schema_version: 0, attributes: { id: "rol_1", name: "reader" } }],
    },
  ],
};

it("reads the state from where the working folder's backend keeps it, under any file name", () => {
  const root = fresh();
  const states = initialisedStackFolders(root, ["auth0"], () => join(root, "kept", "elsewhere.json"));
  mkdirSync(join(root, "kept"));
  writeFileSync(join(root, "kept", "elsewhere.json"), JSON.stringify(STATE));
  const state = pullStackState(states, "auth0");
  expect(state.serial).toBe(7);
  expect(state.outputs).toEqual({ audience: { value: "https://api", type: "string" } });
  expect(state.resources.map((r) => [r.type, r.name, r.instances[0].attributes])).toEqual([
    ["auth0_role", "reader", { id: "rol_1", name: "reader" }],
  ]);
});

it("reads it whatever flags TF_CLI_ARGS gives every other terraform command", () => {
  const root = fresh();
  const states = initialisedStackFolders(root, ["auth0"], () => join(root, "a.tfstate"));
  writeFileSync(join(root, "a.tfstate"), JSON.stringify(STATE));
  expect(pullStackState({ ...states, env: { ...states.env, TF_CLI_ARGS: "-input=false -no-color" } }, "auth0").serial).toBe(7);
});

it("says a stack never deployed here has no working folder, and how to deploy it", () => {
  expect(refusal(() => pullStackState(stackStatesIn(fresh()), "aws"))).toBe(
    `the aws stack was never deployed here (no terraform working folder cdktf.out/stacks/aws/): deploy it first: ${DEPLOY_HINT}`,
  );
});

it("says a working folder terraform never initialised is one (a synth without a deploy)", () => {
  const root = fresh();
  mkdirSync(join(root, "cdktf.out", "stacks", "aws"), { recursive: true });
  writeFileSync(join(root, "cdktf.out", "stacks", "aws", "cdk.tf.json"), "{}");
  expect(refusal(() => pullStackState(stackStatesIn(root), "aws"))).toBe(
    `the aws stack's working folder cdktf.out/stacks/aws/ was never initialised by terraform: deploy it first: ${DEPLOY_HINT}`,
  );
});

it("says a stack whose backend holds no state has none yet", () => {
  const root = fresh();
  const states = initialisedStackFolders(root, ["auth0"], () => join(root, "none.tfstate"));
  expect(refusal(() => pullStackState(states, "auth0"))).toBe(
    `the auth0 stack has no state yet (its backend holds none): deploy it first: ${DEPLOY_HINT}`,
  );
});

it("gives terraform's own reason in one line when it cannot read the backend", () => {
  const root = fresh();
  const states = initialisedStackFolders(root, ["auth0"], () => join(root, "a.tfstate"));
  // The configuration now names another backend than the folder was initialised with.
  const config = join(states.workingDir("auth0"), "cdk.tf.json");
  writeFileSync(config, readFileSync(config, "utf8").replace("a.tfstate", "b.tfstate"));
  expect(refusal(() => pullStackState(states, "auth0"))).toBe(
    "cannot read the auth0 stack's state (terraform state pull in cdktf.out/stacks/auth0/): " +
      'Error: Backend initialization required: please run "terraform init" (Reason: Backend configuration block has changed)',
  );
});

it("says terraform is missing when it is not on the PATH", () => {
  const root = fresh();
  const states = initialisedStackFolders(root, ["auth0"], () => join(root, "a.tfstate"));
  expect(refusal(() => pullStackState({ ...states, env: { ...states.env, PATH: join(root, "no-bin") } }, "auth0"))).toBe(
    "cannot read the auth0 stack's state (terraform state pull in cdktf.out/stacks/auth0/): terraform is not on the PATH",
  );
});
