import { test } from "node:test";
import assert from "node:assert/strict";
import {
  DEFAULT_VIEW,
  decodeCompare,
  decodeRunView,
  encodeRunView,
  formatParamNumber,
  invalidThresholds,
  invalidThresholdsSentence,
  pickThresholds,
  toQueryString,
  type RunViewState,
} from "@/lib/ui/url-state";

test("an empty query gives the default view and the default view encodes to nothing", () => {
  assert.deepEqual(decodeRunView(new URLSearchParams()), DEFAULT_VIEW);
  assert.equal(encodeRunView(DEFAULT_VIEW).toString(), "");
  assert.equal(toQueryString(encodeRunView(DEFAULT_VIEW)), "");
});

test("every field survives an encode-decode round trip", () => {
  const state: RunViewState = {
    contamination: 0.08,
    aePercentile: 97.5,
    eps: 0.35,
    minSamples: 7,
    votes: 3,
    filter: "dbscan",
    sort: "aeError",
    direction: "asc",
    page: 4,
    feature: "failed_auth_count",
    from: 1118761200,
    to: 1118847600,
    window: 42,
  };
  const encoded = encodeRunView(state);
  assert.equal(
    encoded.toString(),
    "contamination=0.08&aePercentile=97.5&eps=0.35&minSamples=7&votes=3&filter=dbscan&sort=aeError&dir=asc&page=4" +
      "&feature=failed_auth_count&from=1118761200&to=1118847600&w=42",
  );
  assert.deepEqual(decodeRunView(new URLSearchParams(encoded.toString())), state);
});

test("Next.js search params objects decode like URLSearchParams, first value of a repeated key winning", () => {
  const state = decodeRunView({ votes: ["1", "3"], filter: "any", page: "2", unknown: "x" });
  assert.equal(state.votes, 1);
  assert.equal(state.filter, "any");
  assert.equal(state.page, 2);
});

test("invalid values fall back to the defaults one field at a time", () => {
  const state = decodeRunView(
    new URLSearchParams(
      "contamination=0.9&aePercentile=100&eps=-1&minSamples=2.5&votes=4&filter=bogus&sort=name&dir=up&page=0" +
        "&feature=nope&from=200&to=100&w=-3",
    ),
  );
  assert.deepEqual(state, DEFAULT_VIEW);
  assert.deepEqual(decodeRunView(new URLSearchParams("eps=abc&votes=2x&contamination=1e-2")), { ...DEFAULT_VIEW, contamination: 0.01 });
});

test("a zoom range needs both ends, in order", () => {
  assert.equal(decodeRunView(new URLSearchParams("from=100")).from, undefined);
  assert.deepEqual(encodeRunView({ from: 100 }).toString(), "");
  const zoomed = decodeRunView(new URLSearchParams("from=100&to=200"));
  assert.deepEqual([zoomed.from, zoomed.to], [100, 200]);
});

test("slider arithmetic noise is rounded away when a number is written, real digits are kept", () => {
  assert.equal(formatParamNumber(0.1 + 0.2), "0.3");
  assert.equal(encodeRunView({ contamination: 0.1 * 0.7 }).toString(), "contamination=0.07");
  assert.equal(formatParamNumber(1.397604895420185), "1.397604895420185");
  assert.equal(Number(formatParamNumber(1.397604895420185)), 1.397604895420185);
});

test("thresholds can be picked out of a view for links to windows and exports", () => {
  const view: RunViewState = { ...DEFAULT_VIEW, eps: 0.4, votes: 1, page: 3 };
  const picked = pickThresholds(view);
  assert.deepEqual(picked, { eps: 0.4, votes: 1 });
});

test("the compare page reads two positive run ids and ignores anything else", () => {
  assert.deepEqual(decodeCompare({ a: "3", b: "12" }), { a: 3, b: 12 });
  assert.deepEqual(decodeCompare({ a: "0", b: "x" }), { a: undefined, b: undefined });
});

test("API queries spell out every threshold in a canonical order", async () => {
  const { thresholdQuery, windowsApiQuery } = await import("@/lib/ui/url-state");
  const settings = { contamination: 0.05, aePercentile: 95, eps: 0.1 + 0.2, minSamples: 5, votes: 2 };
  assert.equal(thresholdQuery(settings).toString(), "contamination=0.05&aePercentile=95&eps=0.3&minSamples=5&votes=2");
  assert.equal(
    windowsApiQuery(settings, { filter: "any", sort: "ifScore", direction: "desc", page: 3 }),
    "contamination=0.05&aePercentile=95&eps=0.3&minSamples=5&votes=2&filter=any&sort=ifScore&direction=desc&page=3&pageSize=25",
  );
});

test("the timeline may show an extended run's template features, and their names survive the round trip", () => {
  const state = decodeRunView(new URLSearchParams("feature=error_keyword_lines"));
  assert.equal(state.feature, "error_keyword_lines");
  assert.equal(encodeRunView(state).toString(), "feature=error_keyword_lines");
  assert.equal(decodeRunView(new URLSearchParams("feature=error_keyword")).feature, DEFAULT_VIEW.feature);
});

test("thresholds a link gives that are not valid values are named, so the page can say it ignored them", () => {
  const params = new URLSearchParams("eps=abc&contamination=0.9&votes=2&aePercentile=95");
  assert.deepEqual(invalidThresholds(params), ["contamination=0.9", "eps=abc"]);
  assert.equal(
    invalidThresholdsSentence(invalidThresholds(params)),
    "This link's contamination=0.9, eps=abc are not valid values, so the run's own settings are shown instead.",
  );
  assert.equal(invalidThresholdsSentence(["votes=7"]), "This link's votes=7 is not a valid value, so the run's own setting is shown instead.");
  assert.equal(invalidThresholdsSentence(invalidThresholds(new URLSearchParams("eps=0.5"))), null);
});

test("page size, search and the truth filters survive a round trip; an unknown page size or filter reads as the default", () => {
  const state: RunViewState = { ...DEFAULT_VIEW, filter: "fn", pageSize: 100, q: "authentication failure" };
  const encoded = encodeRunView(state);
  assert.equal(encoded.toString(), "filter=fn&size=100&q=authentication+failure");
  assert.deepEqual(decodeRunView(encoded), state);
  assert.deepEqual(decodeRunView(new URLSearchParams("size=33&filter=tn&q=%20%20")), DEFAULT_VIEW);
  // The default page size is left out of the URL, and an over-long search is cut.
  assert.equal(encodeRunView({ ...DEFAULT_VIEW, pageSize: 25 }).toString(), "");
  assert.equal(decodeRunView({ q: "x".repeat(500) }).q?.length, 200);
});

test("the windows query carries the page size, the timeline's range and the search only when they are set", async () => {
  const { windowsApiQuery } = await import("@/lib/ui/url-state");
  const settings = { contamination: 0.05, aePercentile: 95, eps: 0.5, minSamples: 5, votes: 2 };
  const table = { filter: "tp", sort: "time", direction: "asc", page: 1 } as const;
  assert.equal(
    windowsApiQuery(settings, { ...table, pageSize: 250, from: 1118761200.5, to: 1118847600.2, q: " sshd " }),
    "contamination=0.05&aePercentile=95&eps=0.5&minSamples=5&votes=2&filter=tp&sort=time&direction=asc&page=1&pageSize=250&from=1118761200&to=1118847601&q=sshd",
  );
  assert.doesNotMatch(windowsApiQuery(settings, { ...table, from: 5, to: 5, q: "  " }), /from=|to=|q=/);
});

test("a score plotted on the timeline is kept in the URL, and an unknown one is dropped", () => {
  const state = { ...DEFAULT_VIEW, score: "score:ensemble" as const };
  assert.equal(toQueryString(encodeRunView(state)), "?score=score%3Aensemble");
  assert.deepEqual(decodeRunView(new URLSearchParams("score=score:ensemble")), state);
  assert.deepEqual(decodeRunView(new URLSearchParams("score=score:nothing")), DEFAULT_VIEW);
});
