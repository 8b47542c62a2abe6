// The cdktf app of an access-model project: the model checked for the chosen environment
// before any stack exists, the model's warnings as cdktf annotations, and a record beside the
// output of what the synth read (so `npm start` and `npm run access` know when it is stale).
import { relative, sep } from "node:path";
import { Annotations, App, DISABLE_STACK_TRACE_IN_METADATA, TerraformStack, type AppConfig } from "cdktf";
import { CONFIGURATION_PROBLEMS, ProblemsError, STACK_NAMES } from "@apigw-auth0-rbac/model";
import { LOCAL_RUN_SYNTH, readProject, readRecord, writeSynthRecord, type Project } from "@apigw-auth0-rbac/model/project";
import { actionInputsOf } from "../auth0/action";
import { handlerInputsOf } from "../aws/bundled-node-function";
import { type Configuration, loadConfiguration } from "./configuration";
import { dropConstructPaths } from "./construct-paths";
import { discardSynthOutput, workingDirectoryProblems } from "./output-folder";

export interface AccessModelAppProps extends AppConfig {
  /** The model file's default export. */
  readonly model: unknown;
  /** @default the project whose cdktf.json is in the working directory */
  readonly project?: Project;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export class AccessModelApp extends App {
  /** The model resolved for this synth's environment, its state backend and folders. */
  readonly configuration: Configuration;
  readonly project: Project;
  private readonly env: Readonly<Record<string, string | undefined>>;

  /**
   * The app for `model`, as cdktf runs it: a model that is refused is said on stderr with every
   * problem, an earlier synth is removed (a stale plan must not be there to deploy), and the
   * process exits 1 before anything is written.
   */
  static forModel(model: unknown): AccessModelApp {
    try {
      return new AccessModelApp({ model });
    } catch (err) {
      if (!(err instanceof ProblemsError)) throw err;
      console.error(err.message);
      process.exit(1);
    }
  }

  /** Throws a ProblemsError, after removing the output folder's earlier synth, when the model or the settings are refused. */
  constructor(props: AccessModelAppProps) {
    const { model, project: given, env = process.env, ...appConfig } = props;
    const project = given ?? readProject(process.cwd(), env);
    // cdktf.json's context, as the cdktf CLI hands it to the app (CDKTF_CONTEXT_JSON, which cdktf
    // lets win): run without the CLI (npm run synth, npm start), the app reads the same settings.
    super({ ...appConfig, context: { ...project.context, ...appConfig.context } });
    // The model's warnings reach manifest.json without a stack trace: one would name this
    // machine's paths, and differ between the bundled app and tsx.
    this.node.setContext(DISABLE_STACK_TRACE_IN_METADATA, true);
    this.project = project;
    this.env = env;
    try {
      this.configuration = loadConfiguration({ model, project: this.project, env, context: (key) => this.node.tryGetContext(key) });
    } catch (err) {
      if (err instanceof ProblemsError) discardSynthOutput(this.outdir);
      throw err;
    }
    // Nothing is written: the other environment's synth stays as it is.
    const busy = workingDirectoryProblems(this.outdir, this.configuration);
    if (busy.length > 0) throw new ProblemsError(busy, CONFIGURATION_PROBLEMS);
  }

  /** Synthesizes, with the model's warnings as annotations and the record of what was read. */
  override synth(): void {
    for (const warning of this.configuration.warnings) {
      // Route and domain warnings belong to the API's stack, the rest to the tenant's; the CLI shows them as warnings, not as errors.
      const stack = this.stackNamed(AWS_STACK_FIELD.test(warning) ? STACK_NAMES.aws : STACK_NAMES.auth0);
      Annotations.of(stack ?? this).addWarning(warning);
    }
    super.synth();
    if (this.env[LOCAL_RUN_SYNTH] === "1") dropConstructPaths(this.outdir);
    const root = this.project.root;
    const bundled = [...handlerInputsOf(this), ...actionInputsOf(this)].map((file) => toProjectPath(root, file));
    writeSynthRecord(this.outdir, root, [...appInputs(root), ...bundled]);
  }

  private stackNamed(name: string): TerraformStack | undefined {
    return this.node.children.find((child): child is TerraformStack => child instanceof TerraformStack && child.node.id === name);
  }
}

/** A warning about a field the aws stack deploys: the routes, or the API's domain (top-level or an environment's). */
const AWS_STACK_FIELD = /^(routes|(environments\.[^.:]+\.)?domain)\b/;

const toProjectPath = (root: string, file: string) => relative(root, file).split(sep).join("/");

/**
 * The project files the running app was built from: its build record's inputs when it runs
 * prebuilt (the runner names the record in APP_BUILD_RECORD), otherwise the project modules it
 * has loaded.
 */
function appInputs(root: string): string[] {
  const build = process.env.APP_BUILD_RECORD ? readRecord<{ inputs: Record<string, string> }>(process.env.APP_BUILD_RECORD) : undefined;
  if (build) return Object.keys(build.inputs);
  return Object.keys(require.cache)
    .map((file) => toProjectPath(root, file))
    .filter((file) => !file.startsWith("..") && !file.includes("node_modules/"));
}
