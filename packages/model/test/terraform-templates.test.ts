// Text of the model that the stacks write into cdk.tf.json as it is (names, descriptions): terraform
// reads every string there as a template, so `${…}` in a role's description would be evaluated at
// deploy (`${file("…")}` reads a file of the deploying machine into the tenant). The model refuses
// it with the field and the fix; a user's metadata, which the stacks escape, keeps it as data.
import { resolveAccessModel } from "../src";
import { ENV, problemsOf, variant } from "./fixtures/model-problems";

describe("terraform's template syntax in the model's text", () => {
  it("refuses ${ and %{ where the stacks write the text as it is, naming the field and the fix", () => {
    const problems = problemsOf(
      variant((m) => {
        m.roles[0].description = 'Rides ${file("/home/ci/.aws/credentials")}';
        m.permissions[1].description = "Trains %{ if true }unicorns%{ endif }";
      }),
    );
    expect(problems).toEqual([
      'permissions[1].description: "Trains %{ if true }unicorns%{ endif }" holds "%{", which terraform reads as a template directive and runs at deploy; write it another way (e.g. "% {")',
      'roles[0].description: "Rides ${file(\\"/home/ci/.aws/credentials\\")}" holds "${", which terraform reads as an interpolation and evaluates at deploy; write it another way (e.g. "$ {")',
    ]);
  });

  it("refuses the text cdktf takes for its own tokens anywhere, a user's metadata too", () => {
    const problems = problemsOf(
      variant((m) => {
        m.users = [{ email: "rider@example.test", roles: ["unicorn-rider"], appMetadata: { note: "#{TfToken[TOKEN.0]}" } }];
      }),
    );
    expect(problems).toEqual([
      'users[0].appMetadata.note: "#{TfToken[TOKEN.0]}" holds "#{TfToken[", which cdktf takes for one of its tokens and replaces at synth; write it another way',
    ]);
  });

  it("keeps ${ and %{ in a user's metadata, which the stacks escape, and a $ or % alone anywhere", () => {
    const { model } = resolveAccessModel(
      variant((m) => {
        m.roles[0].description = "Costs $5 or 100% {of} nothing";
        m.users = [{ email: "rider@example.test", roles: ["unicorn-rider"], userMetadata: { greeting: "Hi ${name}, 100%{done}" } }];
      }),
      { env: ENV },
    );
    expect(model.roles[0].description).toBe("Costs $5 or 100% {of} nothing");
    expect(model.users[0].userMetadata).toEqual({ greeting: "Hi ${name}, 100%{done}" });
  });
});
