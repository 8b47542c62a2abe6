// What the stand-in reads of the auth0 stack's Actions: the code terraform would deploy (its
// template escapes undone), and that custom claims the authorizer does not read leave who can
// call what as it was.
import { measureSynth } from "../../src/access/document";
import { accessMarkdown } from "../../src/emulator/access-matrix";
import { templateLiteral } from "../../src/emulator/deployment/terraform-template";
import { ORDERS_LAMBDA_SRC, ordersModel } from "../fixtures/orders-model";
import { terraformEscaped, withActions } from "../helpers/actions-synth";
import { synthProject } from "../helpers/synth";

describe("the code as terraform reads it back", () => {
  it("undoes $${ and %%{, scanning from the left as terraform does", () => {
    expect(templateLiteral("a $${b} %%{c} $$${d} %%%{e} $x %y $ %", "here")).toBe("a ${b} %{c} $${d} %%{e} $x %y $ %");
  });

  it("round-trips code full of ${…}, backticks and %{ through the escaping the stack applies", () => {
    const code = "const s = `${a}${'$'}{b}` + \"%{c}\" + '$${d}' + `%%{e}`;\n// $$ and %% alone stay\n";
    expect(templateLiteral(terraformEscaped(code), "code")).toBe(code);
  });

  it("refuses an interpolation or a directive terraform would evaluate, naming where", () => {
    expect(() => templateLiteral("x ${var.y}", "auth0_action.a.code")).toThrow(
      /^auth0_action\.a\.code: "\$\{var\.y\}" is an interpolation terraform evaluates/,
    );
    expect(() => templateLiteral("%{ if true }x%{ endif }", "auth0_action.a.code")).toThrow(/is a directive terraform evaluates/);
  });
});

describe("who can call what, with Actions adding claims", () => {
  jest.setTimeout(120_000);

  it("is the same matrix: the authorizer reads scope and scp, not custom claims", async () => {
    const project = synthProject({ model: ordersModel, env: {}, lambdaSrcDir: ORDERS_LAMBDA_SRC });
    const enriched = withActions(project, [
      {
        name: "add-claims",
        trigger: "post-login",
        code: `exports.onExecutePostLogin = async (event, api) => {
          api.accessToken.setCustomClaim("https://orders.example.com/roles", event.authorization.roles);
          api.accessToken.setCustomClaim("https://orders.example.com/tenant", { id: "acme" });
        };`,
      },
      {
        name: "tag-clients",
        trigger: "credentials-exchange",
        code: `exports.onExecuteCredentialsExchange = async (event, api) => {
          api.accessToken.setCustomClaim("https://orders.example.com/job", event.client.name);
        };`,
      },
    ]);
    const without = await measureSynth(project.outdir);
    const withClaims = await measureSynth(enriched.outdir);
    expect(accessMarkdown(withClaims)).toBe(accessMarkdown(without));
    expect(without.rows.length).toBeGreaterThan(1);
  });

  it("changes where an Action adds a scope the authorizer reads: the measurement runs the Actions", async () => {
    const project = synthProject({ model: ordersModel, env: {}, lambdaSrcDir: ORDERS_LAMBDA_SRC });
    const widened = withActions(project, [
      {
        name: "widen",
        trigger: "post-login",
        code: `exports.onExecutePostLogin = async (event, api) => { api.accessToken.addScope("orders:write"); };`,
      },
    ]);
    const postOrders = (markdown: string) => markdown.split("\n").filter((line) => line.includes("POST /orders"));
    const before = accessMarkdown(await measureSynth(project.outdir));
    const after = accessMarkdown(await measureSynth(widened.outdir));
    expect(postOrders(before)).not.toEqual(postOrders(after));
    expect(postOrders(after).join("\n")).toContain("role viewer");
  });
});
