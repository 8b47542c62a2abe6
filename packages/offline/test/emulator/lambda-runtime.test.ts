// Handlers run as Lambda runs them: a throw answers 500 and the function's log names the
// TypeScript file and line (the map beside the archive, never in it); what a handler logs
// goes to its function's log, not to the emulator's console.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import type { LocalSystem } from "../../src/emulator/local-system";
import { PROBE_LAMBDA_SRC } from "../fixtures/probe-model";
import { tokenForRole } from "../helpers/local-system";
import { probeProject, startProbeSystem } from "../helpers/probe-system";

const lines: { fn: string; level: string; message: string }[] = [];
let system: LocalSystem;
beforeAll(async () => {
  system = await startProbeSystem({ serveSpa: false, functionLog: (fn, level, message) => void lines.push({ fn, level, message }) });
});
afterAll(() => system?.close());

it("answers 500 to a handler that throws, and logs where in lambda-src the error was thrown", async () => {
  const token = await tokenForRole(system, "reader");
  const response = await fetch(`${system.api.url}/boom`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(500);
  expect(await response.json()).toEqual({ message: "Internal Server Error" });
  expect(lines).toContainEqual({ fn: "probe-api-boom", level: "log", message: "about to fail { on: 'purpose' }" });
  const error = lines.find((l) => l.level === "error")!;
  expect(error.fn).toBe("probe-api-boom");
  expect(error.message).toContain("Invoke Error Error: boom");
  expect(error.message).toContain(`${join(PROBE_LAMBDA_SRC, "boom.ts")}:3:9`);
});

it("deploys the archive without the map: it holds index.js only", () => {
  const route = system.routes.find((r) => r.routeKey === "GET /boom")!;
  expect(Object.keys(unzipSync(readFileSync(route.archivePath)))).toEqual(["index.js"]);
  expect(probeProject().awsText).not.toContain("sourceMappingURL");
});
