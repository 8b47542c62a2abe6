// The ids the stacks give the constructs of the model's roles and test users, and
// the entries that would share one. A construct id writes "/" and a line break as "--"
// (constructs 10.x, construct.ts, sanitizeId), and the stacks name a test user by the letters and
// digits of its e-mail. Two entries with one id would stop the synth with cdktf's "There is
// already a Construct with name …", which names neither entry nor the fix. (M2M client names
// are lower case and dashes only: theirs cannot meet.)

export const roleConstructId = (name: string) => `role-${name}`;
export const testUserConstructId = (email: string) => `user-${email.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

/** The id as the constructs library keeps it. */
const asKept = (id: string) => id.replace(/[/\n]/g, "--");

/**
 * Each pair of different entries whose construct ids are one: [the earlier value, the later
 * value, the id]. Entries that are the same by `entryOf` (a duplicate, said elsewhere) are left out.
 */
export function sharedConstructIds(
  values: readonly string[],
  idOf: (value: string) => string,
  entryOf: (value: string) => string = (value) => value,
): [string, string, string][] {
  const first = new Map<string, string>();
  const shared: [string, string, string][] = [];
  for (const value of values) {
    const id = asKept(idOf(value));
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, value);
    else if (entryOf(earlier) !== entryOf(value)) shared.push([earlier, value, id]);
  }
  return shared;
}
