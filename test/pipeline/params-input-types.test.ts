import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { checkDetectParams, DETECT_PARAM_KEYS, jsonKindOf } from "@/lib/pipeline/params";
import { checkThresholdParams } from "@/lib/pipeline/threshold-params";

/**
 * The one parameter schema takes text (forms, query strings, the CLI) and numbers (JSON, stored
 * runs), and refuses every other JSON type with the field's sentence and what was sent, where
 * z.coerce used to read true as 1, [5] as 5 and null as 0.
 */

const NUMERIC = ["year", "window", "eps", "minSamples", "contamination", "aePercentile", "votes", "epochs", "seed"] as const;
const VALID: Record<(typeof NUMERIC)[number], number> = {
  year: 2005, window: 120, eps: 0.8, minSamples: 7, contamination: 0.1, aePercentile: 90, votes: 3, epochs: 4, seed: 9,
};

test("numbers and their text read the same, as the CLI and forms send them", () => {
  const asNumbers = checkDetectParams({ ...VALID });
  const asText = checkDetectParams(Object.fromEntries(NUMERIC.map((key) => [key, ` ${VALID[key]} `])));
  assert.ok(asNumbers.ok && asText.ok, JSON.stringify([asNumbers.errors, asText.errors]));
  assert.deepEqual(asText.params, asNumbers.params);
  assert.equal(checkDetectParams({ window: "6e1" }).params?.window, 60, "text is read as before (Number())");
  assert.deepEqual(checkDetectParams({ votes: "x" }).errors, { votes: "votes must be the number 1, 2 or 3" });
});

test("booleans, arrays, objects and null are refused under their field, naming what was sent", () => {
  const cases: [string, unknown, string][] = [
    ["votes", true, "votes must be the number 1, 2 or 3, not a boolean"],
    ["window", [5], "window must be a number of seconds such as 60, not an array"],
    ["year", null, "year must be a number such as 2005, not null"],
    ["minSamples", { n: 5 }, "min samples must be a whole number such as 5, not an object"],
    ["epochs", false, "epochs must be a whole number such as 20, not a boolean"],
    ["seed", [], "seed must be a whole number such as 42, not an array"],
    ["eps", true, "eps must be a number greater than 0 and at most 1000, or auto, not a boolean"],
    ["contamination", ["auto"], "contamination must be a fraction greater than 0 and at most 0.5, or auto, not an array"],
    ["aePercentile", {}, "autoencoder percentile must be a number greater than 0 and below 100, or auto, not an object"],
    ["features", ["seed"], "features must be seed (the eight standard features) or extended (plus four template features and error-level records), not an array"],
  ];
  for (const [field, value, message] of cases) assert.deepEqual(checkDetectParams({ [field]: value }).errors, { [field]: message }, field);
  assert.deepEqual(checkThresholdParams({ votes: true, minSamples: [3] }).errors, {
    minSamples: "min samples must be a whole number such as 5, not an array",
    votes: "votes must be the number 1, 2 or 3, not a boolean",
  });
});

test("property: any JSON value that is not text or a number is refused in any parameter, never coerced", () => {
  const notScalar = fc.oneof(fc.boolean(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }));
  fc.assert(
    fc.property(fc.constantFrom(...DETECT_PARAM_KEYS), notScalar, (field, value) => {
      // A list of text is how JSON may send fields and masks.
      if ((field === "fields" || field === "masks") && Array.isArray(value) && value.every((item) => typeof item === "string")) return;
      const check = checkDetectParams({ [field]: value });
      assert.equal(check.ok, false, `${field}=${JSON.stringify(value)} was accepted as ${JSON.stringify(check.params?.[field])}`);
      assert.ok(check.errors[field], JSON.stringify(check.errors));
      if (NUMERIC.some((key) => key === field)) assert.ok(check.errors[field].endsWith(`, not ${jsonKindOf(value)}`), check.errors[field]);
    }),
    { numRuns: 300 },
  );
});

test("relabelling thresholds refuse a boolean or an array for eps as training does, and still read its text", () => {
  for (const eps of [true, [0.5]]) {
    const check = checkThresholdParams({ eps });
    assert.equal(check.ok, false);
    assert.match(check.errors.eps ?? "", /^eps must be a positive number such as 0\.5, not (a boolean|an array)\.?$/);
  }
  assert.deepEqual(checkThresholdParams({ eps: "0.7" }).params, { eps: 0.7 });
});
