// The seed's moment, offline: log in as the rider, get a unicorn, be refused the list, see the
// roles the add-roles Action put in the token and GET /me answer with them; log in as the
// trainer, get both. A real Chromium drives the app against npm start's system.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { startLocalSystem, type LocalSystem } from "../src/emulator/local-system";
import { unicornModel } from "../test/fixtures/unicorn-model";
import { synthProject } from "../test/helpers/synth";
import { launchChromium } from "./browser";

const SCREENSHOTS = join(__dirname, "..", "artifacts", "screenshots");
// The seed's model on its own port, so the test runs beside a developer's `npm start` (which holds 3000).
const E2E_ORIGIN = "http://localhost:3900";
const E2E_MODEL = {
  ...unicornModel,
  routes: [...unicornModel.routes, { method: "GET" as const, path: "/me", handler: "get-me", scopes: ["read:unicorn"] }],
  actions: [{ name: "add-roles", trigger: "post-login" as const }],
  spa: { ...unicornModel.spa, callbackUrls: [E2E_ORIGIN, `${E2E_ORIGIN}/callback`], logoutUrls: [E2E_ORIGIN], webOrigins: [E2E_ORIGIN] },
};
/** The buttons npm start's routes become (the model's example where it has one). */
const GET_GAIA = 'button[data-path="/unicorn?name=Gaia"]';
const LIST = 'button[data-path="/unicorns"]';
const ME = 'button[data-path="/me"]';
let system: LocalSystem;
let browser: Browser;
let page: Page;
let step = 0;

async function snap(name: string): Promise<void> {
  step += 1;
  await page.screenshot({ path: join(SCREENSHOTS, `${String(step).padStart(2, "0")}-${name}.png`), fullPage: true });
}

async function appReady(): Promise<void> {
  await page.waitForSelector("body[data-ready=true]");
}

async function logIn(role: string, password?: string): Promise<void> {
  const user = system.auth0.users.find((u) => u.roles.includes(role))!;
  await page.click("header #login");
  await page.waitForSelector("form[action='/u/login']");
  await page.fill("#username", user.email);
  await page.fill("#password", password ?? user.password);
  await snap(`login-form-${role}`);
  await page.click("form button#login");
}

async function answerOf(button: string): Promise<{ status: string; text: string }> {
  await page.evaluate("document.getElementById('result').dataset.status = ''");
  await page.click(button);
  const result = await page.waitForSelector("#result:not([data-status=''])");
  return { status: (await result.getAttribute("data-status"))!, text: (await result.textContent())! };
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  system = await startLocalSystem({
    outdir: synthProject({ model: E2E_MODEL }).outdir,
    serveSpa: true,
    routeExamples: new Map(E2E_MODEL.routes.map((r) => [`${r.method} ${r.path}`, r.example])),
  });
  expect(system.spa?.url).toBe(E2E_ORIGIN);
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
});

afterAll(async () => {
  await browser?.close();
  await system?.close();
  jest.restoreAllMocks();
});

describe("the test app in a real browser", () => {
  it("starts logged out", async () => {
    await page.goto(system.spa!.url);
    await appReady();
    expect(await page.isVisible("header #login")).toBe(true);
    await snap("logged-out");
  });

  it("calls the API without a token when logged out, and shows the 401 plainly", async () => {
    const answer = await answerOf(GET_GAIA);
    expect(answer.status).toBe("401");
    expect(answer.text).toContain("401 Unauthorized — not authorized: log in first");
    await snap("logged-out-get-unicorn-401");
  });

  it("logs the rider in and shows the granted scope and permissions", async () => {
    await logIn("unicorn-rider");
    await page.waitForURL(`${system.spa!.url}/`);
    await appReady();
    await page.waitForSelector("#profile:not([hidden])");
    expect(await page.textContent("#user")).toBe("unicorn-rider@example.test");
    const scope = (await page.textContent("#scope"))!.split(" ");
    expect(scope).toEqual(expect.arrayContaining(["openid", "read:unicorn"]));
    expect(scope).not.toContain("list:unicorns");
    expect(await page.textContent("#permissions")).toBe("read:unicorn");
    await snap("rider-signed-in");
  });

  it("gets Gaia's gift as the rider", async () => {
    const answer = await answerOf(GET_GAIA);
    expect(answer.status).toBe("200");
    expect(answer.text).toContain('"gift": "Speed"');
    await snap("rider-get-unicorn-200");
  });

  it("shows the roles the add-roles Action put in the token, and GET /me answers with them", async () => {
    expect(await page.textContent("#claims")).toBe('https://unicorns.example.com/roles = ["unicorn-rider"]');
    const answer = await answerOf(ME);
    expect(answer.status).toBe("200");
    expect(JSON.parse(answer.text.slice(answer.text.indexOf("{"))).roles).toEqual(["unicorn-rider"]);
    await snap("rider-me-200");
  });

  it("calls a path typed in, as the user wrote it", async () => {
    await page.fill("#path", "/unicorn?name=Gaia");
    const answer = await answerOf("#call-button");
    expect(answer.status).toBe("200");
    expect(answer.text).toContain('"gift": "Speed"');
  });

  it("is refused the list as the rider: 403 Forbidden", async () => {
    const answer = await answerOf(LIST);
    expect(answer.status).toBe("403");
    expect(answer.text).toContain("403 Forbidden — access denied");
    expect(answer.text).toContain('"message": "Forbidden"');
    await snap("rider-list-unicorns-403");
  });

  it("logs out", async () => {
    await page.click("header #logout");
    await page.waitForURL(`${system.spa!.url}/`);
    await appReady();
    await page.waitForSelector("header #login:not([hidden])");
    expect(await page.isHidden("#profile")).toBe(true);
    await snap("logged-out-again");
  });

  it("lets the trainer get and list unicorns", async () => {
    await logIn("unicorn-trainer");
    await page.waitForURL(`${system.spa!.url}/`);
    await appReady();
    await page.waitForSelector("#profile:not([hidden])");
    expect((await page.textContent("#permissions"))!.split(" ").sort()).toEqual(["list:unicorns", "read:unicorn"]);
    const get = await answerOf(GET_GAIA);
    expect(get.status).toBe("200");
    await snap("trainer-get-unicorn-200");
    const list = await answerOf(LIST);
    expect(list.status).toBe("200");
    expect(list.text).toContain("Sparkles");
    await snap("trainer-list-unicorns-200");
    await page.click("header #logout");
    await page.waitForSelector("header #login:not([hidden])");
  });

  it("shows the error for a wrong password and stays on the login page", async () => {
    await logIn("unicorn-rider", "not-the-password");
    const error = await page.waitForSelector("#login-error");
    expect(await error.textContent()).toBe("Wrong email or password.");
    expect(new URL(page.url()).origin).toBe(system.auth0.issuer.replace(/\/$/, ""));
    await snap("wrong-password");
  });
});
