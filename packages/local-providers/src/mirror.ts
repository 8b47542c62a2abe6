// A terraform provider mirror that serves the stand-ins: for each provider and version, an
// executable in the filesystem mirror's layout that starts the stand-in, and a CLI
// configuration that installs providers from that mirror only. What `npm run local` and the
// conformance tests hand terraform (TF_CLI_CONFIG_FILE).
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { shellWord } from "@apigw-auth0-rbac/model/text";
import { type StandinProvider, STANDIN_PROVIDERS, standinCommand } from "./launch";

export interface StandinMirror {
  /** The filesystem mirror: registry.terraform.io/<namespace>/<type>/<version>/<platform>/. */
  readonly mirror: string;
  /** The terraform CLI configuration naming only that mirror (for TF_CLI_CONFIG_FILE). */
  readonly cliConfig: string;
}

const PLATFORM = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;

/**
 * Writes the mirror and the CLI configuration into `dir` for `providers`. Throws, naming the
 * versions there are, when a provider's version has no schema here.
 */
export function writeStandinMirror(dir: string, providers: readonly { provider: StandinProvider; version: string }[]): StandinMirror {
  const mirror = join(dir, "mirror");
  for (const { provider, version } of providers) {
    const target = join(mirror, "registry.terraform.io", STANDIN_PROVIDERS[provider].namespace, provider, version, PLATFORM);
    mkdirSync(target, { recursive: true });
    const executable = join(target, `terraform-provider-${provider}_v${version}`);
    // The code lives outside the mirror: terraform hashes this script into the lock file,
    // which therefore stays the same when the stand-in's code changes.
    writeFileSync(executable, `#!/bin/sh\nexec ${standinCommand(provider, version).map(shellWord).join(" ")}\n`);
    chmodSync(executable, 0o755);
  }
  const cliConfig = join(dir, "terraformrc");
  writeFileSync(
    cliConfig,
    `# Providers come from the local mirror of stand-ins only.\ndisable_checkpoint = true\nprovider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`,
  );
  return { mirror, cliConfig };
}
