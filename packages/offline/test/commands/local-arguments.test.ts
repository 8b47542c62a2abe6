// What `npm run local` hands the cdktf CLI, decided before terraform or the CLI starts.
import type { Project } from "@apigw-auth0-rbac/model/project";
import { LocalRunError } from "../../src/local-terraform/layout";
import { cdktfArguments } from "../../src/local-terraform/setup";

const project = { root: "/project" } as Project;
const argumentsOf = (...args: string[]) => cdktfArguments(args, "/project/.local/terraform/cdktf.out", project);

describe("npm run local's cdktf arguments", () => {
  it("refuses a diff of two stacks, which cdktf would answer with the first stack's diff alone", () => {
    expect(() => argumentsOf("diff", "auth0", "aws")).toThrow(LocalRunError);
    expect(() => argumentsOf("diff", "auth0", "aws")).toThrow(
      'cdktf diff takes one stack, so "diff auth0 aws" would diff auth0 only: run npm run local -- diff auth0, then npm run local -- diff aws',
    );
    expect(() => argumentsOf("diff", "--refresh-only", "aws", "auth0")).toThrow("would diff aws only");
  });

  it("passes a diff of one stack on, and a deploy or destroy of both", () => {
    expect(argumentsOf("diff", "aws")).toEqual(["diff", "aws", "--output", ".local/terraform/cdktf.out", "--skip-provider-lock"]);
    expect(argumentsOf("deploy", "auth0", "aws").slice(0, 3)).toEqual(["deploy", "auth0", "aws"]);
    expect(argumentsOf("destroy", "aws", "auth0").slice(0, 3)).toEqual(["destroy", "aws", "auth0"]);
  });

  it("refuses --migrate-state: a local run's state is its own, and init is given -reconfigure", () => {
    for (const flag of ["--migrate-state", "--migrate-state=true"]) {
      expect(() => argumentsOf("deploy", "auth0", flag)).toThrow(
        "--migrate-state: a local run keeps its own state (.local/, or S3 on this machine), whatever backend the project names, and has none to migrate; leave it out",
      );
    }
  });
});
