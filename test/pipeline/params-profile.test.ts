import { test } from "node:test";
import assert from "node:assert/strict";
import { PROFILE_DEFAULTS } from "@/lib/domain/profiles";
import { checkDetectParams, DEFAULT_PROFILE } from "@/lib/pipeline/params";
import { initialParamValues, withProfileValues } from "@/lib/ui/param-fields";

// Issue #12: a profile names a set of defaults; explicit parameters override it.

test("without a profile the default one fills the parameters, and it is recorded", () => {
  const params = checkDetectParams({ year: "2005" }).params;
  assert.equal(params?.profile, DEFAULT_PROFILE);
  for (const [key, value] of Object.entries(PROFILE_DEFAULTS[DEFAULT_PROFILE])) assert.equal(String(params?.[key as keyof typeof params]), value, key);
});

test("the seed profile is the pipeline contract's defaults, and recommended sets extended features, auto thresholds and the combined score", () => {
  assert.deepEqual(
    checkDetectParams({ profile: "seed" }).params,
    { profile: "seed", window: 60, eps: 0.5, minSamples: 5, contamination: 0.05, aePercentile: 95, features: "seed", votes: 2, combine: "vote", epochs: 20, seed: 42, format: "auto" },
  );
  const recommended = checkDetectParams({ profile: "recommended" }).params;
  assert.deepEqual(
    [recommended?.features, recommended?.eps, recommended?.contamination, recommended?.aePercentile, recommended?.combine],
    ["extended", "auto", "auto", "auto", "score"],
  );
});

test("an explicit parameter wins over the profile's value", () => {
  const params = checkDetectParams({ profile: "recommended", features: "seed", combine: "vote", eps: "0.8" }).params;
  assert.deepEqual([params?.profile, params?.features, params?.combine, params?.eps, params?.contamination], ["recommended", "seed", "vote", 0.8, "auto"]);
});

test("an unknown profile or combine mode is refused with one sentence naming the choices", () => {
  assert.deepEqual(checkDetectParams({ profile: "fast", combine: "mean" }).errors, {
    profile: "profile must be seed or recommended",
    combine: "combine must be vote (at least votes detectors agree) or score (one combined score above a cut)",
  });
  assert.equal(checkDetectParams({ profile: null }).ok, false, "null is not a profile");
});

test("choosing a profile on the New run form fills the fields it sets and keeps the others", () => {
  const typed = { ...initialParamValues(null), window: "120", eps: "0.9" };
  const recommended = withProfileValues(typed, "recommended");
  assert.deepEqual(
    [recommended.profile, recommended.features, recommended.eps, recommended.contamination, recommended.aePercentile, recommended.combine, recommended.window],
    ["recommended", "extended", "auto", "auto", "auto", "score", "120"],
  );
  const back = withProfileValues(recommended, "seed");
  assert.deepEqual([back.features, back.eps, back.contamination, back.aePercentile, back.combine, back.window], ["seed", "0.5", "0.05", "95", "vote", "120"]);
  // The form sends its fields without the blank ones, as the API reads them.
  const sent = Object.fromEntries(Object.entries(back).filter(([, value]) => value !== ""));
  assert.deepEqual(checkDetectParams(sent).params?.features, "seed");
});
