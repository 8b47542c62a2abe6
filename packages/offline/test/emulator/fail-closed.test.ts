// The emulator refuses what it cannot emulate instead of serving it open, and answers as AWS
// does where the deployed API would fail: no Lambda permission (500), throttling (429).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalSystem } from "../../src/emulator/local-system";
import { UnsupportedRouteError } from "../../src/emulator/deployment/resources";
import { tokenForRole } from "../helpers/local-system";
import { probeProject } from "../helpers/probe-system";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A copy of the probe project's synthesized output with the aws stack edited. */
function editedOutdir(edit: (aws: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "fail-closed-"));
  dirs.push(dir);
  cpSync(probeProject().outdir, dir, { recursive: true });
  const file = join(dir, "stacks", "aws", "cdk.tf.json");
  const aws = JSON.parse(readFileSync(file, "utf8"));
  edit(aws);
  writeFileSync(file, JSON.stringify(aws));
  return dir;
}

const routeNamed = (aws: any, key: string): any => Object.values(aws.resource.aws_apigatewayv2_route).find((r: any) => r.route_key === key);

describe("routes the emulator cannot emulate", () => {
  it.each(["AWS_IAM", "CUSTOM"])("refuses to start on a route with authorization type %s, naming it", async (type) => {
    const outdir = editedOutdir((aws) => (routeNamed(aws, "GET /echo").authorization_type = type));
    const started = startLocalSystem({ outdir, functionLog: () => undefined });
    await expect(started).rejects.toThrow(UnsupportedRouteError);
    await expect(started).rejects.toThrow(/aws_apigatewayv2_route\.[^ ]+ \(GET \/echo\): authorization type .* cannot be emulated/);
  });

  it("refuses a JWT route whose authorizer_id is not the API's JWT authorizer", async () => {
    const outdir = editedOutdir((aws) => delete routeNamed(aws, "GET /boom").authorizer_id);
    await expect(startLocalSystem({ outdir, functionLog: () => undefined })).rejects.toThrow(
      /\(GET \/boom\): its authorizer_id null is not the API's JWT authorizer/,
    );
  });

  it("refuses an integration other than AWS_PROXY 2.0", async () => {
    const outdir = editedOutdir((aws) => {
      for (const i of Object.values<any>(aws.resource.aws_apigatewayv2_integration)) i.payload_format_version = "1.0";
    });
    await expect(startLocalSystem({ outdir, functionLog: () => undefined })).rejects.toThrow(/AWS_PROXY integrations with payload format 2.0 only/);
  });

  it("refuses a $default route", async () => {
    const outdir = editedOutdir((aws) => (routeNamed(aws, "GET /boom").route_key = "$default"));
    await expect(startLocalSystem({ outdir, functionLog: () => undefined })).rejects.toThrow(
      /\(\$default\): only "METHOD \/path" route keys are emulated/,
    );
  });
});

describe("what AWS would answer, the emulator answers", () => {
  it("answers 500 where no Lambda permission covers the route, and warns at start", async () => {
    const outdir = editedOutdir((aws) => {
      for (const p of Object.values<any>(aws.resource.aws_lambda_permission)) p.source_arn = p.source_arn.replace("/GET/echo", "/GET/other");
    });
    const warnings: string[] = [];
    const system = await startLocalSystem({ outdir, warn: (w) => warnings.push(w), functionLog: () => undefined });
    try {
      expect(warnings).toEqual([expect.stringMatching(/^GET \/echo: no Lambda permission lets API Gateway invoke probe-api-echo; AWS answers 500/)]);
      const token = await tokenForRole(system, "writer");
      const get = await fetch(`${system.api.url}/echo`, { headers: { authorization: token } });
      expect(get.status).toBe(500);
      expect(await get.json()).toEqual({ message: "Internal Server Error" });
      // The same function behind another route with its own permission is still invoked.
      const item = await fetch(`${system.api.url}/items/7`, { headers: { authorization: token } });
      expect(item.status).toBe(200);
    } finally {
      await system.close();
    }
  });

  it("throttles past the stage's burst with 429 Too Many Requests", async () => {
    const outdir = editedOutdir((aws) => {
      const stage: any = Object.values(aws.resource.aws_apigatewayv2_stage)[0];
      stage.default_route_settings.throttling_burst_limit = 3;
      stage.default_route_settings.throttling_rate_limit = 0.001;
    });
    const system = await startLocalSystem({ outdir, functionLog: () => undefined });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${system.api.url}/echo`);
        statuses.push(response.status);
        if (response.status === 429) expect(await response.json()).toEqual({ message: "Too Many Requests" });
      }
      // Throttling comes before the authorizer: 401 while the bucket lasts, then 429.
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await system.close();
    }
  });

  it("does not throttle when told not to (load tests)", async () => {
    const outdir = editedOutdir((aws) => {
      const stage: any = Object.values(aws.resource.aws_apigatewayv2_stage)[0];
      stage.default_route_settings.throttling_burst_limit = 1;
      stage.default_route_settings.throttling_rate_limit = 0.001;
    });
    const system = await startLocalSystem({ outdir, throttling: false, functionLog: () => undefined });
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(`${system.api.url}/echo`)).status).toBe(401);
    } finally {
      await system.close();
    }
  });
});
