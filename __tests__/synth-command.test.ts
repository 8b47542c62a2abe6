// Runs main.ts the way `cdktf synth` does (cdktf.json "app", CDKTF_OUTDIR), without the CLI's
// ~2.6 s start-up: the app is what decides what gets written.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const APP = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")).app as string;

function runApp(env: Record<string, string>, outdir: string) {
  const { TF_VAR_test_user_password: _ignored, ...inherited } = process.env;
  return spawnSync(APP, { shell: true, cwd: ROOT, encoding: "utf8", env: { ...inherited, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1", ...env } });
}

describe("the synth command", () => {
  it("writes both stacks, named auth0 and aws", () => {
    const outdir = mkdtempSync(join(tmpdir(), "synth-ok-"));
    const result = runApp({ AUTH0_DOMAIN: "unicorn-test.eu.auth0.com" }, outdir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["auth0", "aws"]);
    const auth0 = JSON.parse(readFileSync(join(outdir, "stacks", "auth0", "cdk.tf.json"), "utf8"));
    expect(auth0.output.issuer.value).toBe("https://unicorn-test.eu.auth0.com/");
    expect(manifest.stacks.aws.dependencies).toEqual(["auth0"]);
  });

  it("fails on AUTH0_DOMAIN with a scheme, shows the right form, and leaves no output behind", () => {
    const outdir = mkdtempSync(join(tmpdir(), "synth-bad-"));
    // What an earlier, good synth left: it must not survive to be deployed.
    mkdirSync(join(outdir, "stacks", "auth0"), { recursive: true });
    writeFileSync(join(outdir, "stacks", "auth0", "cdk.tf.json"), "{}");
    writeFileSync(join(outdir, "manifest.json"), "{}");

    const result = runApp({ AUTH0_DOMAIN: "https://x.eu.auth0.com/" }, outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'AUTH0_DOMAIN: "https://x.eu.auth0.com/" is not a bare tenant domain; give the host name only, without scheme, path or trailing slash: AUTH0_DOMAIN=x.eu.auth0.com',
    );
    expect(existsSync(outdir)).toBe(false);
  });

  it("refuses an environment the model does not declare, naming DEPLOY_ENV, and leaves no output behind", () => {
    const outdir = mkdtempSync(join(tmpdir(), "synth-env-"));
    writeFileSync(join(outdir, "manifest.json"), "{}");
    const result = runApp({ DEPLOY_ENV: "nosuchenv" }, outdir);
    expect(result.status).toBe(1);
    // Whatever the model declares: either it lists its environments, or it says it has none.
    expect(result.stderr).toMatch(/DEPLOY_ENV: "nosuchenv" (is not an environment of the model; known: |names an environment, but the model declares none)/);
    expect(existsSync(outdir)).toBe(false);
  });
});
