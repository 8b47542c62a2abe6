// The test app of a tenant on an Auth0 custom domain, in a real Chromium: it logs in through the
// custom domain (the browser resolves that name to the stand-in, as a hosts-file line would), the
// SDK takes the ID token of that issuer, and the API takes the access token.
import type { Browser, Page } from "playwright-core";
import { startLocalSystem, type LocalSystem } from "../src/emulator/local-system";
import { unicornModel } from "../test/fixtures/unicorn-model";
import { synthProject } from "../test/helpers/synth";
import { launchChromium } from "./browser";

const LOGIN = "login.unicorns.example.com";
// A port of its own beside spa-login's 3900 and a developer's npm start on 3000.
const ORIGIN = "http://localhost:3901";
const MODEL = {
  ...unicornModel,
  tenant: { ...unicornModel.tenant, customDomain: LOGIN },
  spa: { ...unicornModel.spa, callbackUrls: [ORIGIN], logoutUrls: [ORIGIN], webOrigins: [ORIGIN] },
};
let system: LocalSystem;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  system = await startLocalSystem({
    outdir: synthProject({ model: MODEL }).outdir,
    serveSpa: true,
    functionLog: () => undefined,
    routeExamples: new Map(MODEL.routes.map((r) => [`${r.method} ${r.path}`, r.example])),
  });
  browser = await launchChromium([`--host-resolver-rules=MAP ${LOGIN} 127.0.0.1`]);
  page = await (await browser.newContext()).newPage();
});

afterAll(async () => {
  await browser?.close();
  await system?.close();
  jest.restoreAllMocks();
});

describe("the test app of a tenant on a custom domain, in a real browser", () => {
  it("sends the browser to the custom domain's login page", async () => {
    await page.goto(ORIGIN);
    await page.waitForSelector("body[data-ready=true]");
    await page.click("header #login");
    await page.waitForSelector("form[action='/u/login']");
    expect(new URL(page.url()).origin).toBe(`http://${LOGIN}:${system.auth0.port}`);
  });

  it("logs the rider in and calls the API with the custom domain's token: 200, and 403 for the list", async () => {
    const rider = system.auth0.users.find((u) => u.roles.includes("unicorn-rider"))!;
    await page.fill("#username", rider.email);
    await page.fill("#password", rider.password);
    await page.click("form button#login");
    await page.waitForURL(`${ORIGIN}/`);
    await page.waitForSelector("#profile:not([hidden])");
    expect(await page.textContent("#user")).toBe(rider.email);
    const answer = async (button: string) => {
      await page.evaluate("document.getElementById('result').dataset.status = ''");
      await page.click(button);
      return (await page.waitForSelector("#result:not([data-status=''])")).getAttribute("data-status");
    };
    expect(await answer('button[data-path="/unicorn?name=Gaia"]')).toBe("200");
    expect(await answer('button[data-path="/unicorns"]')).toBe("403");
  });
});
