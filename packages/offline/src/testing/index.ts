// For a project's own tests: the access matrix measured from a synth, as ACCESS.md holds it,
// and API Gateway's events for calling a handler directly.
export { ACCESS_FILE_NAME, accessDocument, accessFile } from "../access/document";
export { jwtEvent, type JwtEventOptions } from "./events";
import { accessDocument, measureSynth } from "../access/document";

/**
 * ACCESS.md's text for the synth in `outdir`: every role (with a real token requesting what the
 * app requests) and machine-to-machine client against every route, through the emulator.
 * Takes about 3 ms a call on a quiet machine: a test sets its time limit by the number of calls.
 */
export async function measuredAccessDocument(outdir: string): Promise<string> {
  return accessDocument(await measureSynth(outdir));
}
