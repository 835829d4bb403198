import { test } from "node:test";
import assert from "node:assert/strict";
import { requestedParams, trainedSettings } from "@/lib/domain/run-params";
import { LABEL_SETTING_KEYS, type RunParams } from "@/lib/domain/types";
import { flagsOf } from "@/lib/cli/parse-cli-args";
import { formatOptionsOf } from "@/lib/pipeline/format-params";
import { DETECT_PARAM_KEYS, checkDetectParams, detectParamsSchema } from "@/lib/pipeline/params";
import { checkThresholdParams, thresholdParamsSchema } from "@/lib/pipeline/threshold-params";
import { parseDetectFields, parseThresholdFields, parseWindowQuery } from "@/lib/server/http/request-input";
import { PARAM_FIELDS } from "@/lib/ui/param-fields";
import { checkNumber, THRESHOLD_KEYS, THRESHOLD_RULES } from "@/lib/ui/url-state";

const sorted = (list: readonly string[]) => [...list].sort();

const RUN: RunParams = {
  year: 2005, window: 60, eps: 1.25, epsAuto: true, minSamples: 5, contamination: 0.07, contaminationAuto: true,
  aePercentile: 95, aePercentileAuto: false, votes: 2, epochs: 20, seed: 42, features: "extended", profile: "seed", combine: "vote",
};

test("the form, the CLI and the API name exactly the training schema's parameters", () => {
  assert.deepEqual(sorted(PARAM_FIELDS.map((f) => f.name)), sorted(DETECT_PARAM_KEYS));
  assert.deepEqual(flagsOf(detectParamsSchema), [
    "profile", "year", "window", "eps", "min-samples", "contamination", "ae-percentile", "features", "votes", "combine", "epochs", "seed",
    "format", "tz", "field", "mask", "time-format",
  ]);
  const every = { year: "2005", logFileId: "3", minSamples: "7", eps: "auto", tz: "UTC", fields: "time=ts", masks: "x\\d+", timeFormat: "%Y-%m-%d %H:%M:%S" };
  assert.deepEqual(sorted(Object.keys(parseDetectFields(every))), sorted(DETECT_PARAM_KEYS));
});

test("the threshold schema, the URL and relabelling name exactly the domain's label settings", () => {
  assert.deepEqual(sorted(thresholdParamsSchema.keyof().options), sorted(LABEL_SETTING_KEYS));
  assert.deepEqual(THRESHOLD_KEYS, [...LABEL_SETTING_KEYS], "URL order is the domain's order");
  assert.deepEqual(parseThresholdFields({ eps: "0.7", votes: "", page: "2", name: "loose" }), { eps: 0.7 });
  assert.deepEqual(parseWindowQuery({ page: "2", minSamples: "3" }).thresholds, { minSamples: 3 });
});

test("the Run page's threshold rules accept exactly the values the API accepts", () => {
  for (const key of THRESHOLD_KEYS) {
    const rule = THRESHOLD_RULES[key];
    const probes = [rule.min, rule.max, rule.min - 1e-9, rule.min + 1e-9, rule.max - 1e-9, rule.max + 1e-9, (rule.min + rule.max) / 2, rule.min + 1.5, rule.min + 1];
    for (const value of probes) {
      const api = checkThresholdParams({ [key]: String(value) }).ok;
      assert.equal(checkNumber(value, rule), api, `${key}=${value}`);
    }
  }
});

test("a relabelling cannot ask for auto: the API says the number is needed", () => {
  assert.deepEqual(checkThresholdParams({ contamination: "auto" }).errors, { contamination: "contamination must be a fraction such as 0.05" });
  assert.throws(() => parseThresholdFields({ eps: "auto", votes: "4" }), /^ServiceError: Eps must be a positive number such as 0\.5; votes must be 1, 2 or 3\.$/);
});

test("a stored run's parameters read back as asked for (auto kept) and as trained (numbers)", () => {
  const asked = requestedParams(RUN);
  assert.deepEqual(asked, {
    year: 2005, window: 60, eps: "auto", minSamples: 5, contamination: "auto", aePercentile: 95, votes: 2, epochs: 20, seed: 42, features: "extended",
    profile: "seed", combine: "vote", format: "syslog",
  });
  assert.deepEqual(checkDetectParams(asked).params, asked, "what was asked passes the schema unchanged");
  assert.deepEqual(trainedSettings(RUN), { eps: 1.25, minSamples: 5, contamination: 0.07, aePercentile: 95, votes: 2 });
  assert.equal(trainedSettings({ ...RUN, eps: null }), null);
});

test("a stored run's format options read back as the text the form and the API send, and pass the schema unchanged", () => {
  const stored = {
    ...RUN, yearAuto: true, yearInferred: true, format: "json", detectedFormat: "json",
    formatOptions: { tz: "Europe/Paris", fields: { message: "msg", time: "ts" }, masks: [{ pattern: "blk_-?\\d+", name: "BLOCK" }, { pattern: "a=b" }] },
  };
  const asked = requestedParams(stored);
  assert.equal("year" in asked, false, "a year to infer is not asked for");
  assert.deepEqual([asked.format, asked.tz, asked.fields, asked.masks], ["json", "Europe/Paris", "time=ts,message=msg", "blk_-?\\d+=BLOCK\na=b=*"]);
  assert.equal(Object.values(asked).some((value) => value === undefined), false, "no undefined value for a hidden form field");
  assert.deepEqual(checkDetectParams(asked).params, asked);
  assert.deepEqual(formatOptionsOf(asked), { format: "json", tz: "Europe/Paris", fields: { time: "ts", message: "msg" }, masks: stored.formatOptions.masks });
});

test("lists come as one string or several, and are kept in one canonical text", () => {
  const fromCli = checkDetectParams({ fields: ["time=ts", "host = node"], masks: ["\\d+=NUM", "user=\\S+"] }).params;
  const fromForm = checkDetectParams({ fields: "time=ts,\nhost=node", masks: "\\d+=NUM\r\nuser=\\S+\n" }).params;
  assert.deepEqual([fromCli?.fields, fromCli?.masks], ["time=ts,host=node", "\\d+=NUM\nuser=\\S+"]);
  assert.deepEqual([fromForm?.fields, fromForm?.masks], [fromCli?.fields, fromCli?.masks]);
  assert.deepEqual(checkDetectParams({}).params?.format, "auto");
  assert.equal(checkDetectParams({}).params?.year, undefined, "no year: inferred from the log");
});
