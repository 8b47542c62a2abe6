// Where `npm run local` keeps what it writes, inside the project's local folder: the provider
// mirror and terraform's CLI configuration, one synth output and one state folder per
// environment (and per S3 backend, state.ts), and the local cloud of each environment. Real
// state is never among them.
import { UserError } from "../errors";
import { existsSync, lstatSync, realpathSync } from "node:fs";
import { basename, dirname, join, normalize, relative } from "node:path";
import type { Project } from "@apigw-auth0-rbac/model/project";

/** A setting of a local run that cannot be used: said in one line, nothing changed. */
export class LocalRunError extends UserError {}

export class LocalLayout {
  /** The folder of this run's terraform (LOCAL_TERRAFORM_DIR, default `<localDir>/terraform`). */
  readonly dir: string;

  /**
   * `setting` is LOCAL_TERRAFORM_DIR: a folder directly inside the project's local folder, by
   * name (no "..", no "."), which once resolved (links followed) is still inside it.
   */
  constructor(
    readonly project: Project,
    setting: string | undefined = process.env.LOCAL_TERRAFORM_DIR,
  ) {
    this.dir = checkedDir(project, setting);
  }

  get stateRoot(): string {
    return join(this.dir, "state");
  }
  /** The terraform CLI configuration naming the stand-ins' mirror (written by prepare). */
  get cliConfig(): string {
    return join(this.dir, "terraformrc");
  }

  /**
   * Where a run of `environment` synthesizes: its stacks climb three levels to `dir`, so their
   * local state lands in state/[<environment>/]. A run with another backend (`backend`, e.g.
   * "s3-<hash>") has a folder of its own: terraform's working directories there are bound to it.
   */
  outdir(environment?: string, backend?: string): string {
    return join(this.dir, ["cdktf.out", ...(environment ? [environment] : []), ...(backend ? [backend] : [])].join("."));
  }

  /** Where a run of `environment` keeps both stacks' state. */
  stateDir(environment?: string): string {
    return environment ? join(this.stateRoot, environment) : this.stateRoot;
  }

  /** The local cloud of `environment`: what the stand-ins created, which terraform's refresh reads back and `npm run cloud` serves. */
  cloudDir(environment?: string): string {
    return join(this.dir, environment ? `cloud.${environment}` : "cloud");
  }

  /** A path of this layout as the user writes it. */
  shown(path: string): string {
    return relative(this.project.root, path);
  }
}

function checkedDir(project: Project, value: string | undefined): string {
  const local = project.localDir;
  const localName = relative(project.root, local);
  const name = value === undefined || value === "" ? join(localName, "terraform") : value;
  const refuse = (why: string) =>
    new LocalRunError(
      `LOCAL_TERRAFORM_DIR=${value} ${why}: give a folder directly inside ${localName}/ (e.g. ${join(localName, "terraform-test")}); nothing was changed`,
    );
  const folder = basename(name);
  const plain = name.split(/[\\/]/).every((segment) => segment !== "." && segment !== "..");
  if (!plain || normalize(dirname(name)) !== normalize(localName) || !/^[\w-][\w.-]*$/.test(folder) || /[\\/]$/.test(name)) {
    throw refuse(`is not a folder directly inside ${localName}/`);
  }
  if (existsSync(local) && lstatSync(local).isSymbolicLink()) throw refuse(`lies outside the project: ${localName} is a link`);
  const target = join(local, folder);
  if (existsSync(target) && realpathSync(target) !== join(realpathSync(local), basename(target))) {
    throw refuse(`resolves to ${realpathSync(target)}, outside ${localName}/`);
  }
  return target;
}
