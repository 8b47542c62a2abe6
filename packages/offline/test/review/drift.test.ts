// Drift (review/drift.ts): the applied state, pulled through terraform from where the stacks'
// backend keeps it, read again against the local cloud with the stand-ins' own reads, as
// terraform's refresh reads it; what opens access flagged first; "none" only when something
// was compared.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsCloud } from "@apigw-auth0-rbac/local-providers/cloud";
import { ManagementApi } from "@apigw-auth0-rbac/local-providers/cloud";
import { fileStore } from "@apigw-auth0-rbac/local-providers/cloud";
import { AWS_RESOURCES } from "@apigw-auth0-rbac/local-providers/cloud";
import { driftText, localDrift } from "../../src/review/drift";
import { REVIEW_MARKER, reviewMarkdown } from "../../src/review/markdown";
import { rendered, shows } from "../helpers/rendered-markdown";
import { initialisedStackFolders, stackStatesIn } from "../helpers/stack-folders";

// Each fixture runs terraform init twice: more than jest's 5 s on a loaded machine.
jest.setTimeout(30_000);

const dir = mkdtempSync(join(tmpdir(), "drift-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function applied() {
  const cloudDir = join(dir, `cloud-${Math.random().toString(36).slice(2)}`);
  const stateDir = join(cloudDir, "state");
  mkdirSync(stateDir, { recursive: true });
  // Initialised before there is state (terraform init would install the providers a state names).
  const states = initialisedStackFolders(cloudDir, ["auth0", "aws"], (stack) => join(stateDir, `terraform.${stack}.tfstate`));
  const store = fileStore(cloudDir);
  const aws = new AwsCloud("us-east-1", {}, store);
  const tenant = new ManagementApi("", store);
  tenant.createResourceServer({ identifier: "https://api", scopes: [{ value: "read" }, { value: "write" }] });
  const role = tenant.createRole({ name: "reader" });
  tenant.addRolePermissions(role.id, [{ permission_name: "read", resource_server_identifier: "https://api" }]);
  const api = aws.apigatewayv2.createApi({ Name: "api", ProtocolType: "HTTP" });
  const route = aws.apigatewayv2.createRoute({
    ApiId: api.ApiId,
    RouteKey: "GET /items",
    AuthorizationType: "JWT",
    AuthorizerId: "au1",
    AuthorizationScopes: ["read"],
  });
  const other = aws.apigatewayv2.createRoute({
    ApiId: api.ApiId,
    RouteKey: "GET /other",
    AuthorizationType: "JWT",
    AuthorizerId: "au1",
    AuthorizationScopes: ["read"],
  });
  const state = (resources: unknown[]) => ({ version: 4, resources });
  // terraform drops a resource of a state file that names no provider: these name the stack's.
  const provider = (type: string) => `provider["registry.terraform.io/${type.startsWith("auth0_") ? "auth0/auth0" : "hashicorp/aws"}"]`;
  const instance = (type: string, name: string, attributes: object) => ({
    mode: "managed",
    type,
    name,
    provider: provider(type),
    instances: [{ attributes }],
  });
  writeFileSync(
    join(stateDir, "terraform.auth0.tfstate"),
    JSON.stringify(
      state([
        instance("auth0_role", "reader", { id: role.id, name: "reader", description: null }),
        instance("auth0_role_permissions", "reader_permissions", {
          id: role.id,
          role_id: role.id,
          permissions: [{ name: "read", resource_server_identifier: "https://api", description: "", resource_server_name: "" }],
        }),
      ]),
    ),
  );
  writeFileSync(
    join(stateDir, "terraform.aws.tfstate"),
    JSON.stringify(
      state([
        // As applied: what the provider's create stored, which its read gives back.
        instance(
          "aws_apigatewayv2_api",
          "api",
          AWS_RESOURCES.aws_apigatewayv2_api.read!({ id: api.ApiId }, { cloud: aws, region: "us-east-1" } as never)!,
        ),
        instance("aws_apigatewayv2_route", "items", {
          id: route.RouteId,
          api_id: api.ApiId,
          route_key: "GET /items",
          authorization_type: "JWT",
          authorizer_id: "au1",
          authorization_scopes: ["read"],
          api_key_required: false,
        }),
        instance("aws_apigatewayv2_route", "other", {
          id: other.RouteId,
          api_id: api.ApiId,
          route_key: "GET /other",
          authorization_type: "JWT",
          authorizer_id: "au1",
          authorization_scopes: ["read"],
          api_key_required: false,
        }),
      ]),
    ),
  );
  return { cloudDir, states, aws, tenant, api, route, other, role };
}

it("finds none when the cloud holds what was applied, having compared every object it can read", () => {
  const { states, cloudDir } = applied();
  expect(localDrift(states, cloudDir)).toEqual({ items: [], flagged: [], compared: 5, notCompared: [] });
  expect(driftText(localDrift(states, cloudDir))).toBe("Drift: none — the local cloud holds what terraform applied (5 objects compared).\n");
});

it("flags what opens access first: a detached authorizer, a permission given to a role, a route made outside terraform; then the rest", () => {
  const { states, cloudDir, aws, tenant, api, route, other, role } = applied();
  aws.apigatewayv2.deleteChild(api.ApiId, "routes", other.RouteId);
  aws.apigatewayv2.updateChild(api.ApiId, "routes", route.RouteId, { AuthorizationType: "NONE", AuthorizerId: null });
  tenant.addRolePermissions(role.id, [{ permission_name: "write", resource_server_identifier: "https://api" }]);
  aws.apigatewayv2.createRoute({ ApiId: api.ApiId, RouteKey: "POST /backdoor", AuthorizationType: "NONE" });
  const drift = localDrift(states, cloudDir);
  expect(drift.flagged).toEqual([
    '**A permission was added outside terraform**: the role `reader` now grants `["write"]`; every holder gets it until the next deploy removes it.',
    "**Route `GET /items`: its authorizer was detached outside terraform** (authorization `NONE`): it answers without a token until the next deploy restores the JWT authorizer.",
    "**Route `POST /backdoor` was created outside terraform**, with authorization `NONE`: it answers without a token; the next deploy leaves it in place (terraform does not know it).",
    "**Route `GET /other` was deleted outside terraform**: its callers get 404 until the next deploy creates it again.",
  ]);
  const routeItem = drift.items.find((i) => i.address === "aws_apigatewayv2_route.items")!;
  expect(routeItem.attributes.map((a) => [a.name, a.before, a.after])).toEqual([
    ["authorization_type", "JWT", "NONE"],
    ["authorizer_id", "au1", null],
  ]);
});

it("says nothing was compared without a local cloud, and how to make one", () => {
  const drift = localDrift(stackStatesIn(dir), join(dir, "none"));
  expect(drift).toEqual({
    items: [],
    flagged: [],
    compared: 0,
    notCompared: ["there is no local cloud at none/ to compare with: deploy first: npm run local -- deploy auth0 aws --auto-approve"],
  });
  expect(driftText(drift)).not.toContain("Drift: none");
});

describe("a stack whose state cannot be read is never taken for no drift", () => {
  it("says nothing was compared when no stack has state, and how to get it", () => {
    const { cloudDir } = applied();
    // Initialised as npm run local's deploy leaves them, but the backend holds no state.
    const states = initialisedStackFolders(join(cloudDir, "fresh"), ["auth0", "aws"], (stack) => join(cloudDir, "fresh", `${stack}.tfstate`));
    expect(driftText(localDrift(states, cloudDir))).toBe(
      [
        "Drift: not checked — nothing was compared:",
        "  - the auth0 stack has no state yet (its backend holds none): deploy it first: npm run local -- deploy auth0 aws --auto-approve",
        "  - the aws stack has no state yet (its backend holds none): deploy it first: npm run local -- deploy auth0 aws --auto-approve",
        "",
      ].join("\n"),
    );
  });

  it("says a stack never deployed here is not compared", () => {
    const { cloudDir } = applied();
    const text = driftText(localDrift(stackStatesIn(join(cloudDir, "elsewhere")), cloudDir, ["aws"]));
    expect(text).toBe(
      "Drift: not checked — nothing was compared:\n  - the aws stack was never deployed here (no terraform working folder cdktf.out/stacks/aws/): deploy it first: npm run local -- deploy auth0 aws --auto-approve\n",
    );
  });

  it("says what was compared and what was not when one stack's state is missing", () => {
    const { cloudDir, states } = applied();
    rmSync(join(cloudDir, "state", "terraform.aws.tfstate"));
    const drift = localDrift(states, cloudDir);
    expect([drift.compared, drift.items]).toEqual([2, []]);
    expect(driftText(drift)).toBe(
      [
        "Drift: none — the local cloud holds what terraform applied (2 objects compared).",
        "  not compared:",
        "    - the aws stack has no state yet (its backend holds none): deploy it first: npm run local -- deploy auth0 aws --auto-approve",
        "",
      ].join("\n"),
    );
  });

  it("says a destroyed stack, whose state holds no resources, was not compared", () => {
    const { cloudDir, states } = applied();
    for (const stack of ["auth0", "aws"]) {
      writeFileSync(join(cloudDir, "state", `terraform.${stack}.tfstate`), JSON.stringify({ version: 4, serial: 9, lineage: "l", resources: [] }));
    }
    expect(driftText(localDrift(states, cloudDir, ["aws"]))).toBe(
      "Drift: not checked — nothing was compared:\n  - the aws stack's state holds no resources (destroyed, or never applied): deploy it first: npm run local -- deploy auth0 aws --auto-approve\n",
    );
  });

  it("says in the review that the local deployment's drift was not checked, and why", () => {
    const { cloudDir } = applied();
    const drift = localDrift(stackStatesIn(join(cloudDir, "elsewhere")), cloudDir);
    const markdown = reviewMarkdown({
      base: { ref: "main", commit: "0123456789abcdef" },
      head: "fedcba9",
      uncommitted: [],
      consequences: [],
      drift,
      access: { changes: [], matrix: "" },
      plans: [],
    });
    const section = markdown.slice(markdown.indexOf("### Drift in the local cloud"), markdown.indexOf("### Access"));
    expect(section).toContain("Not checked: nothing of this checkout's `npm run local` deployment could be compared.");
    expect(section).toContain("- the auth0 stack was never deployed here");
  });
});

it("shows a route made outside terraform under any key as its text in the review, every section kept", () => {
  const { states, cloudDir, aws, api } = applied();
  const key = "POST /x\n<!--";
  aws.apigatewayv2.createRoute({ ApiId: api.ApiId, RouteKey: key, AuthorizationType: "NONE" });
  const drift = localDrift(states, cloudDir);
  const markdown = reviewMarkdown({
    base: { ref: "main", commit: "0123456789abcdef" },
    head: "fedcba9",
    uncommitted: [],
    consequences: drift.flagged.map((f) => `Drift in the local cloud: ${f}`),
    drift,
    access: { changes: [], matrix: "" },
    plans: [],
  });
  const view = rendered(markdown);
  expect(view.headings).toEqual(["Review of fedcba9 against main (0123456789ab)", "Look at these first", "Drift in the local cloud", "Access"]);
  expect(view.html).toEqual([REVIEW_MARKER, "<details><summary>Who can call what now (measured by the emulator)</summary>", "</details>"]);
  expect(shows(view, key)).toBe(true);
});

it("says the drift to a terminal without sending it a name's control characters", () => {
  const { states, cloudDir, aws, api } = applied();
  aws.apigatewayv2.createRoute({ ApiId: api.ApiId, RouteKey: "POST /x\u001b[2J\u009b", AuthorizationType: "NONE" });
  const text = driftText(localDrift(states, cloudDir));
  expect(text).toContain("POST /x\\x1b[2J\\x9b");
  expect(text).not.toMatch(/[^\P{Cc}\n]/u);
});
