// The providers' own tests as data (conformance/provider-tests/): every case has its source, an
// id of its own, a configuration when it runs and a reason when it does not; the suite itself
// runs through terraform (npm run test:terraform).
import { HOSTED_ZONES } from "./conformance/fixtures";
import { caseId } from "./conformance/provider-tests/figures";
import { PROVIDER_TESTS } from "./conformance/provider-tests/index";
import { PROVIDER_TEST_ZONES } from "./conformance/provider-tests/sources";

const all = PROVIDER_TESTS.flatMap((file) => file.cases.map((c) => ({ file, c, id: caseId(file, c) })));

it("gives every case an id of its own: resource, test and step", () => {
  const ids = all.map((x) => x.id);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
});

it("names the source of every case: repository, file and the tag or commit read", () => {
  expect(PROVIDER_TESTS.filter((f) => !(f.source.repo && f.source.path && f.source.ref)).map((f) => f.resource)).toEqual([]);
});

it("has a configuration for every runnable case and a reason for every other", () => {
  expect(all.filter(({ c }) => !c.notRunnable && !c.hcl?.trim()).map((x) => x.id)).toEqual([]);
  expect(all.filter(({ c }) => c.notRunnable !== undefined && (c.hcl !== undefined || !c.notRunnable.trim())).map((x) => x.id)).toEqual([]);
});

it("expects an error where the source does", () => {
  expect(all.filter(({ c }) => c.kind === "expect-error" && c.expect.phase === "none").map((x) => x.id)).toEqual([]);
  expect(all.filter(({ c }) => c.expect.phase !== "none" && !c.notRunnable && !c.expect.pattern).map((x) => x.id)).toEqual([]);
});

it("writes names through {{name}} where a case creates objects, so two cases never create the same one", () => {
  // A hosted zone's name finds the zone (data "aws_route53_zone"): the account's, never created.
  const zones = new Set<string>([...HOSTED_ZONES, ...PROVIDER_TEST_ZONES]);
  const creates = all.filter(({ c }) => c.hcl && c.expect.phase !== "plan");
  const fixed = creates.filter(
    ({ c }) => !c.hcl!.includes("{{name}}") && [...c.hcl!.matchAll(/\bname\s*=\s*"([^"]+)"/g)].some(([, name]) => !zones.has(name)),
  );
  expect(fixed.map((x) => x.id)).toEqual([]);
});
