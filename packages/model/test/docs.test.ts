// The documents generated from the code are the ones committed (npm run docs writes them).
import { staleDocuments } from "../scripts/docs";

it("has every generated document current (npm run docs)", () => {
  expect(staleDocuments()).toEqual([]);
});
