// The review's reading of terraform plans (the JSON of `terraform show -json`), on plans
// written here: the resource lines and summary, each flagged consequence and what stays
// unflagged, the scratch-state rewrite, the environment its offline children get, and the Markdown. The same reading on plans made by
// the real terraform: __tests__/terraform/review-command.terraform.ts.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { consequences } from "../../src/review/consequences";
import { withoutCredentials } from "../../src/review/credentials";
import { REVIEW_MARKER, reviewMarkdown } from "../../src/review/markdown";
import { actionOf, planSummary, resourceLines, type ResourceChange, type TerraformPlan } from "../../src/review/plan";
import { pinScratchState } from "../../src/review/synth";

const change = (type: string, name: string, actions: string[], before: any, after: any, replace_paths?: string[][]): ResourceChange => ({
  address: `${type}.${name}`,
  mode: "managed",
  type,
  name,
  change: { actions, before, after, replace_paths },
});
const plan = (...changes: ResourceChange[]): TerraformPlan => ({ resource_changes: changes });
const same = (type: string, name: string, values: any) => change(type, name, ["no-op"], values, values);

describe("resource lines", () => {
  it("name terraform's actions in one word, leaving out no-op and read", () => {
    expect([["create"], ["update"], ["delete", "create"], ["create", "delete"], ["delete"], ["no-op"], ["read"]].map(actionOf)).toEqual([
      "create",
      "update",
      "replace",
      "replace",
      "destroy",
      undefined,
      undefined,
    ]);
  });

  it("list every change with its construct path and what forces a replacement, the most disruptive first, and count as terraform does", () => {
    const lines = resourceLines(
      plan(
        change("aws_apigatewayv2_route", "r", ["create"], null, {}),
        same("aws_iam_role", "role", {}),
        change("auth0_resource_server", "api", ["delete", "create"], {}, {}, [["identifier"]]),
        change("aws_lambda_function", "f", ["update"], {}, {}),
        change("aws_cloudwatch_log_group", "gone", ["delete"], {}, null),
        { ...change("terraform_remote_state", "auth0", ["read"], {}, {}), mode: "data" },
      ),
      new Map([["aws_apigatewayv2_route.r", "aws/http-api/route-GET_x/route"]]),
    );
    expect(lines.map((l) => [l.action, l.address, l.constructPath, l.forcedBy])).toEqual([
      ["replace", "auth0_resource_server.api", undefined, ["identifier"]],
      ["destroy", "aws_cloudwatch_log_group.gone", undefined, []],
      ["update", "aws_lambda_function.f", undefined, []],
      ["create", "aws_apigatewayv2_route.r", "aws/http-api/route-GET_x/route", []],
    ]);
    expect(planSummary(lines)).toBe("Plan: 2 to add, 1 to change, 2 to destroy.");
    expect(planSummary([])).toBe("No changes.");
  });
});

describe("what an update changes", () => {
  it("names the attributes the plan knows to change, and which names join or leave a list of them", () => {
    const scopes = change(
      "auth0_resource_server_scopes",
      "s",
      ["update"],
      { id: "x", scopes: [{ name: "read" }, { name: "old" }] },
      { id: "x", scopes: [{ name: "read" }, { name: "new" }] },
    );
    const fn = {
      ...change(
        "aws_lambda_function",
        "f",
        ["update"],
        { source_code_hash: "a", code_sha256: "a", memory_size: 128 },
        { source_code_hash: "b", memory_size: 256 },
      ),
    };
    const unknownSha: ResourceChange = { ...fn, change: { ...fn.change, after_unknown: { code_sha256: true } } };
    const route = change("aws_apigatewayv2_route", "r", ["update"], { authorization_scopes: ["read"] }, { authorization_scopes: ["admin", "read"] });
    expect(resourceLines(plan(scopes, unknownSha, route), new Map()).map((l) => l.changes)).toEqual([
      ["scopes: +new, -old"],
      ["authorization_scopes: +admin"],
      ["memory_size", "source_code_hash"],
    ]);
  });
});

describe("consequences flagged first", () => {
  it("the API replaced with a new identifier: every issued token refused", () => {
    const auth0 = plan(
      change("auth0_resource_server", "api", ["delete", "create"], { identifier: "urn:a" }, { identifier: "urn:b" }, [["identifier"]]),
    );
    expect(consequences({ auth0 })).toEqual([
      "**The API `urn:a` is replaced** (forced by `identifier`): its identifier becomes `urn:b`, so every access token issued for `urn:a` is refused, and every app and service must ask for the new audience.",
    ]);
  });

  it("the SPA client replaced, also when it moves to a new address: its client id changes", () => {
    const before = { name: "Shop", app_type: "spa", client_id: "abc" };
    const inPlace = plan(change("auth0_client", "spa", ["delete", "create"], before, { name: "Shop", app_type: "spa" }, [["app_type"]]));
    const moved = plan(
      change("auth0_client", "old", ["delete"], before, null),
      change("auth0_client", "new", ["create"], null, { name: "Shop", app_type: "spa" }),
    );
    for (const auth0 of [inPlace, moved]) {
      expect(consequences({ auth0 })).toEqual([
        expect.stringMatching(
          /^\*\*The SPA client `Shop` is replaced\*\*.*: its client id `abc` is replaced by a new one, so the app's configuration/,
        ),
      ]);
    }
  });

  it("a machine-to-machine client replaced: its service's credentials stop working", () => {
    const auth0 = plan(
      change(
        "auth0_client",
        "m2m",
        ["create", "delete"],
        { name: "sync", app_type: "non_interactive", client_id: "x" },
        { name: "sync", app_type: "non_interactive" },
      ),
    );
    expect(consequences({ auth0 })).toEqual([
      expect.stringContaining(
        "**The machine-to-machine client `sync` is replaced**: its client id `x` is replaced by a new one, so the service's credentials stop working",
      ),
    ]);
  });

  it("the HTTP API, the stage and the authorizer replaced: the invoke URL changes, requests go unserved, routes re-pointed", () => {
    const aws = plan(
      change("aws_apigatewayv2_api", "api", ["delete", "create"], { name: "shop", api_endpoint: "https://a1.execute-api" }, { name: "shop" }, [
        ["protocol_type"],
      ]),
      change(
        "aws_apigatewayv2_stage",
        "stage",
        ["delete", "create"],
        { name: "$default", invoke_url: "https://a1.execute-api/" },
        { name: "$default" },
        [["api_id"]],
      ),
      change(
        "aws_apigatewayv2_authorizer",
        "jwt",
        ["delete", "create"],
        { name: "auth0" },
        { name: "auth0", jwt_configuration: [{ issuer: "https://t/", audience: ["urn:a"] }] },
        [["api_id"]],
      ),
    );
    expect(consequences({ aws })).toEqual([
      "**The HTTP API `shop` is replaced** (forced by `protocol_type`): its invoke URL `https://a1.execute-api` changes, so every caller configured with it breaks.",
      "**The stage `$default` is replaced** (forced by `api_id`): between its deletion and its re-creation the API serves no request at `https://a1.execute-api/`.",
      "**The authorizer `auth0` is replaced** (forced by `api_id`): it gets a new id and every route is updated to use it; it will trust issuer `https://t/` and audience `urn:a`.",
    ]);
  });

  it("a permission removed from the API while a role and a client hold it", () => {
    const scopes = (...names: string[]) => ({ scopes: names.map((name) => ({ name })) });
    const auth0 = plan(
      change("auth0_resource_server_scopes", "scopes", ["update"], scopes("read", "export"), scopes("read")),
      same("auth0_role", "auditor", { id: "rol_1", name: "auditor" }),
      change(
        "auth0_role_permissions",
        "auditor",
        ["update"],
        { role_id: "rol_1", permissions: [{ name: "read" }, { name: "export" }] },
        { role_id: "rol_1", permissions: [{ name: "read" }] },
      ),
      same("auth0_client", "exporter", { client_id: "c1", name: "exporter", app_type: "non_interactive" }),
      same("auth0_client_grant", "exporter", { client_id: "c1", scopes: ["export"] }),
    );
    expect(consequences({ auth0 })).toEqual([
      "**Permission `export` is removed from the API while role `auditor`, client `exporter` hold it**: they lose it; this change still gives it to client `exporter`, which the API no longer has.",
    ]);
  });

  it("a role losing a permission the API keeps; nothing claimed while only apply knows the new permissions", () => {
    const role = { id: "rol_2", name: "rider" };
    const auth0 = plan(
      same("auth0_role", "rider", role),
      change(
        "auth0_role_permissions",
        "rider",
        ["update"],
        { role_id: "rol_2", permissions: [{ name: "read" }, { name: "list" }] },
        { role_id: "rol_2", permissions: [{ name: "list" }] },
      ),
    );
    expect(consequences({ auth0 })).toEqual(["**Role `rider` loses permission `read`**."]);
    const unknown: ResourceChange = {
      ...auth0.resource_changes![1],
      change: { ...auth0.resource_changes![1].change, after: { role_id: "rol_2" }, after_unknown: { permissions: true } },
    };
    expect(consequences({ auth0: plan(same("auth0_role", "rider", role), unknown) })).toEqual([]);
  });

  it("a route whose scopes or authorization change, a route removed or replaced", () => {
    const route = (key: string, scopes: string[], type = "JWT") => ({ route_key: key, authorization_type: type, authorization_scopes: scopes });
    const aws = plan(
      change("aws_apigatewayv2_route", "a", ["update"], route("GET /a", ["read"]), route("GET /a", ["admin", "read"])),
      change("aws_apigatewayv2_route", "b", ["update"], route("GET /b", ["read"]), route("GET /b", [], "NONE")),
      change("aws_apigatewayv2_route", "c", ["delete"], route("DELETE /c", ["write"]), null),
      change("aws_apigatewayv2_route", "d", ["delete", "create"], route("GET /d", ["read"]), route("GET /d", ["read"]), [["api_id"]]),
      change("aws_apigatewayv2_route", "e", ["create"], null, route("GET /e", ["read"])),
    );
    expect(consequences({ aws })).toEqual([
      "**Route `GET /a` changes its scopes** from `read` to `admin`, `read` (a token needs one of them).",
      "**Route `GET /b` changes its authorization** from `JWT` to `NONE`: it no longer checks tokens.",
      "**Route `GET /b` changes its scopes** from `read` to none (a token needs one of them).",
      "**Route `DELETE /c` is removed**: its callers get 404.",
      "**Route `GET /d` is replaced** (forced by `api_id`): it answers 404 between its deletion and its re-creation.",
    ]);
  });

  it("flags nothing for additions and in-place updates that keep every caller's access", () => {
    const auth0 = plan(
      change("auth0_resource_server_scopes", "scopes", ["update"], { scopes: [{ name: "read" }] }, { scopes: [{ name: "read" }, { name: "write" }] }),
      change("auth0_resource_server", "api", ["update"], { identifier: "urn:a", name: "A" }, { identifier: "urn:a", name: "A v2" }),
      change(
        "auth0_role_permissions",
        "clerk",
        ["update"],
        { role_id: "r", permissions: [{ name: "read" }] },
        { role_id: "r", permissions: [{ name: "read" }, { name: "write" }] },
      ),
    );
    const aws = plan(
      change("aws_apigatewayv2_api", "api", ["update"], { name: "shop" }, { name: "shop" }),
      change("aws_apigatewayv2_route", "r", ["create"], null, { route_key: "PUT /x" }),
    );
    expect(consequences({ auth0, aws })).toEqual([]);
  });
});

describe("the scratch state", () => {
  it("replaces whatever backend and remote state a synth wrote with local files in the scratch folder", () => {
    const outdir = mkdtempSync(join(tmpdir(), "review-pin-"));
    const write = (stack: string, json: any) => {
      mkdirSync(join(outdir, "stacks", stack), { recursive: true });
      writeFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), JSON.stringify(json));
    };
    write("auth0", { terraform: { backend: { s3: { bucket: "team-state", key: "apigw-auth0-rbac/prod/auth0.tfstate" } } } });
    write("aws", {
      terraform: { backend: { local: { path: "../../../terraform.aws.tfstate" } } },
      data: {
        terraform_remote_state: {
          "auth0-state": { backend: "s3", config: { bucket: "team-state", key: "apigw-auth0-rbac/prod/auth0.tfstate", region: "eu-west-1" } },
        },
      },
    });
    pinScratchState(outdir, "/scratch/state");
    const read = (stack: string) => JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    expect(read("auth0").terraform.backend).toEqual({ local: { path: "/scratch/state/terraform.auth0.tfstate" } });
    expect(read("aws").terraform.backend).toEqual({ local: { path: "/scratch/state/terraform.aws.tfstate" } });
    expect(read("aws").data.terraform_remote_state["auth0-state"]).toEqual({
      backend: "local",
      config: { path: "/scratch/state/terraform.auth0.tfstate" },
    });
  });
});

describe("the Markdown", () => {
  const review = {
    base: { ref: "origin/main", commit: "0123456789abcdef0123" },
    head: "fedcba9",
    uncommitted: [],
    consequences: ["**Route `GET /a` is removed**: its callers get 404."],
    access: { changes: ["role rider can no longer call GET /a (the route is gone)"], matrix: "| caller |" },
    plans: [
      {
        title: "Plan of the change (offline: local provider stand-ins)",
        how: "How.",
        notes: [{ text: "The base's package-lock.json differs." }],
        stacks: [
          { stack: "auth0", lines: [] },
          {
            stack: "aws",
            lines: [
              {
                action: "destroy" as const,
                address: "aws_apigatewayv2_route.a",
                constructPath: "aws/http-api/route-GET_a/route",
                forcedBy: [],
                changes: [],
              },
              {
                action: "update" as const,
                address: "aws_apigatewayv2_api.api",
                constructPath: "aws/http-api/api",
                forcedBy: [],
                changes: ["cors_configuration"],
              },
            ],
            outputs: ["route_urls"],
          },
        ],
      },
    ],
  };

  it("puts the consequences first, then access, then each stack's lines and summary", () => {
    const markdown = reviewMarkdown(review);
    expect(
      markdown.startsWith(
        `${REVIEW_MARKER}\n## Review of \`fedcba9\` against \`origin/main\` (\`0123456789ab\`)\n\n### Look at these first\n\n- ⚠️ **Route`,
      ),
    ).toBe(true);
    expect(markdown.indexOf("### Look at these first")).toBeLessThan(markdown.indexOf("### Access"));
    expect(markdown).toContain("> The base's package-lock.json differs.\n\n#### auth0\n\nNo changes.\n\n#### aws\n\n");
    expect(markdown).toContain(
      "| `- destroy` | `aws_apigatewayv2_route.a` | `aws/http-api/route-GET_a/route` |  |\n| `~ update` | `aws_apigatewayv2_api.api` | `aws/http-api/api` | `cors_configuration` |\n\nPlan: 0 to add, 1 to change, 1 to destroy.\n\nOutputs that change: `route_urls`.\n",
    );
  });

  it("says when a stack has no plan, and why", () => {
    const broken = { ...review, plans: [{ ...review.plans[0], stacks: [{ stack: "aws", unavailable: { text: "terraform plan failed" } }] }] };
    expect(reviewMarkdown(broken)).toContain("#### aws\n\nUnavailable: terraform plan failed\n");
  });
});

it("starts the offline children without any credential or S3 state setting", () => {
  const env = {
    PATH: "/usr/bin",
    DEPLOY_ENV: "prod",
    AUTH0_DOMAIN: "team.eu.auth0.com",
    AUTH0_CLIENT_ID: "id",
    AUTH0_CLIENT_SECRET: "secret",
    AUTH0_API_TOKEN: "token",
    AWS_ACCESS_KEY_ID: "AKIA",
    AWS_SECRET_ACCESS_KEY: "key",
    AWS_SESSION_TOKEN: "session",
    AWS_PROFILE: "team",
    AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/ci",
    AWS_WEB_IDENTITY_TOKEN_FILE: "/tmp/token",
    STATE_S3_BUCKET: "team-state",
    STATE_S3_REGION: "eu-west-1",
  };
  expect(withoutCredentials(env)).toEqual({ PATH: "/usr/bin", DEPLOY_ENV: "prod", AUTH0_DOMAIN: "team.eu.auth0.com" });
  expect(env.AWS_SECRET_ACCESS_KEY).toBe("key");
});
