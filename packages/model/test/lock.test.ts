// A lock (the local cloud store's, npm start's session) taken over from a process that is gone: by one process only, and never a
// fresh lock that another process took after the stale one was seen (the ABA case).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { guardOf, holderOf, takeOver, withLock } from "../src/project/lock";

const dirs: string[] = [];
const lockIn = () => {
  const dir = mkdtempSync(join(tmpdir(), "store-lock-"));
  dirs.push(dir);
  return join(dir, "cloud.json.lock");
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;
const tooLong = () => new Error("waited too long");

it("leaves a fresh lock alone that another process took after the stale one was seen", () => {
  const lock = lockIn();
  writeFileSync(lock, `${deadPid()} 0123456789abcdef`);
  const stale = holderOf(lock)!;
  // Meanwhile another process took the stale lock over and made its own.
  const fresh = `${process.pid} fedcba9876543210`;
  writeFileSync(lock, fresh);
  takeOver(lock, stale);
  expect(readFileSync(lock, "utf8")).toBe(fresh);
  expect(readdirSync(join(lock, ".."))).toEqual(["cloud.json.lock"]);
});

it("leaves a stale lock to the live process whose guard is on it", () => {
  const lock = lockIn();
  writeFileSync(lock, `${deadPid()} 0123456789abcdef`);
  const stale = holderOf(lock)!;
  writeFileSync(guardOf(lock, stale), `${process.pid} aaaaaaaaaaaaaaaa`);
  takeOver(lock, stale);
  expect(readFileSync(lock, "utf8")).toBe(stale.contents);
});

it("takes over a stale lock whose guard names a process that is gone too, and leaves no guard behind", () => {
  const lock = lockIn();
  writeFileSync(lock, `${deadPid()} 0123456789abcdef`);
  writeFileSync(guardOf(lock, holderOf(lock)!), `${deadPid()} bbbbbbbbbbbbbbbb`);
  expect(withLock(lock, () => readFileSync(lock, "utf8").split(" ")[0], tooLong)).toBe(String(process.pid));
  expect(readdirSync(join(lock, ".."))).toEqual([]);
});

it("takes over a lock an older checkout left (its pid alone), and says who holds a live one", () => {
  const lock = lockIn();
  writeFileSync(lock, String(deadPid()));
  expect(withLock(lock, () => existsSync(lock), tooLong)).toBe(true);
  expect(existsSync(lock)).toBe(false);
  writeFileSync(lock, `${process.pid} cccccccccccccccc`);
  // The clock moves past the wait at once: a live holder is waited for, then named.
  const now = jest.spyOn(Date, "now").mockReturnValueOnce(0).mockReturnValue(60_000);
  try {
    expect(() =>
      withLock(
        lock,
        () => undefined,
        (holder) => new Error(`held by ${holder?.pid}`),
      ),
    ).toThrow(`held by ${process.pid}`);
  } finally {
    now.mockRestore();
  }
});
