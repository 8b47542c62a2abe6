import { startLocalSystem, type LocalSystem, type LocalSystemOptions } from "../../src/emulator/local-system";
import { PROBE_LAMBDA_SRC, probeModel } from "../fixtures/probe-model";
import { BUNDLE_DIR, synthProject, type SynthesizedProject } from "./synth";

let project: SynthesizedProject | undefined;

/** The probe fixture, synthesized once per test file. */
export function probeProject(): SynthesizedProject {
  project ??= synthProject({ model: probeModel, env: {}, lambdaSrcDir: PROBE_LAMBDA_SRC });
  return project;
}

/** The probe's handlers fail on purpose: what they log is dropped unless a test asks for it (functionLog). */
export function startProbeSystem(options: Partial<LocalSystemOptions> = {}): Promise<LocalSystem> {
  return startLocalSystem({ outdir: probeProject().outdir, functionLog: () => undefined, sourceMapDirs: [BUNDLE_DIR], ...options });
}
