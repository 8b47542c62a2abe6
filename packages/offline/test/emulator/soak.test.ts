// A sustained flood of /authorize: every request opens a login transaction, and memory must
// stay flat once the pending transactions reach their cap. Run in its own process, so the
// heap measured after garbage collection is the stand-in's alone.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { MAX_PENDING_TRANSACTIONS } from "../../src/emulator/auth0/browser-flow";
import { probeProject } from "../helpers/probe-system";

const ROOT = join(__dirname, "..", "..");
const REQUESTS = 20_000;
/** Without the cap, 20,000 transactions hold well over 10 MB (measured: ~13 MB); with it, noise. */
const HEAP_GROWTH_BOUND_MB = 3;

it(`keeps memory flat under ${REQUESTS} /authorize requests`, () => {
  const out = execFileSync(
    process.execPath,
    [
      "--expose-gc",
      "--import",
      "tsx",
      join(__dirname, "..", "..", "bench", "soak.ts"),
      "--outdir",
      probeProject().outdir,
      "--requests",
      String(REQUESTS),
      "--json",
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  const report = JSON.parse(out.trim().split("\n").pop()!);
  expect(report.statuses).toEqual({ 200: REQUESTS });
  expect(report.stores.transactions).toBeLessThanOrEqual(MAX_PENDING_TRANSACTIONS);
  expect(report.heapGrowthMb).toBeLessThan(HEAP_GROWTH_BOUND_MB);
}, 90_000);

// One user rotating refresh tokens past what the stand-in once kept for everybody (10,000):
// another user's token must still work, and memory must not grow with the rotations.
const ROTATIONS = 10_100;

it(`keeps another user's refresh token, and memory flat, under ${ROTATIONS} rotations by one user`, () => {
  const out = execFileSync(
    process.execPath,
    [
      "--expose-gc",
      "--import",
      "tsx",
      join(__dirname, "..", "..", "bench", "soak.ts"),
      "--flood",
      "rotations",
      "--outdir",
      probeProject().outdir,
      "--requests",
      String(ROTATIONS),
      "--json",
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  const report = JSON.parse(out.trim().split("\n").pop()!);
  expect(report.statuses).toEqual({ 200: ROTATIONS });
  expect(report.otherUserRefresh).toBe(200);
  // One family per login (16 for the busy user, one for the other), whatever the rotations.
  expect(report.stores.refreshTokenFamilies).toBe(17);
  expect(report.heapGrowthMb).toBeLessThan(HEAP_GROWTH_BOUND_MB);
}, 90_000);
