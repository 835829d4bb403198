import assert from "node:assert/strict";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import { semiSpaceFlagMiB, startWithSemiSpace } from "@/lib/pipeline/young-generation";

// A thread that allocates objects which survive a while (so V8 grows its young generation as far as
// it may) and reports the largest new space it saw: two semi-spaces, so 2 x the flag's MiB.
const PROBE = `
const v8 = require("node:v8");
const { parentPort } = require("node:worker_threads");
const keep = [];
let largest = 0;
for (let i = 0; i < 2e6; i++) {
  keep.push({ i, text: "x" + i });
  if (keep.length > 2e5) keep.length = 0;
  if (i % 1000 === 0) {
    const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
    if (space && space.space_size > largest) largest = space.space_size;
  }
}
parentPort.postMessage(largest / 1048576);
`;

function newSpaceMiB(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once("message", (mib: number) => {
      resolve(mib);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

const probe = () => new Worker(PROBE, { eval: true });

test("reads the semi-space size V8 options set, the last one winning, and 0 where none does", () => {
  assert.equal(semiSpaceFlagMiB([]), 0);
  assert.equal(semiSpaceFlagMiB(["--max-old-space-size=4096"]), 0);
  assert.equal(semiSpaceFlagMiB(["--max-semi-space-size=2"]), 2);
  assert.equal(semiSpaceFlagMiB(["--max_semi_space_size=4"]), 4);
  assert.equal(semiSpaceFlagMiB(["--max-semi-space-size", "16"]), 16);
  assert.equal(semiSpaceFlagMiB(["--max-semi-space-size=2", "--inspect", "--max-semi-space-size=16"]), 16);
});

test("a worker started with larger semi-spaces gets them, and threads started after it get the process's again", async () => {
  // This process as the pipeline runs: semi-spaces of 2 MiB (scripts/pipeline-node.sh).
  setFlagsFromString("--max-semi-space-size=2");
  try {
    assert.equal(await newSpaceMiB(probe()), 4, "the flag as the pipeline sets it");
    assert.equal(await newSpaceMiB(startWithSemiSpace(8, probe, 2)), 16);
    assert.equal(await newSpaceMiB(probe()), 4, "put back once the worker ran");
    // Started with larger semi-spaces than asked for, or with V8's own sizing: left as it is.
    assert.equal(await newSpaceMiB(startWithSemiSpace(8, probe, 16)), 4);
    assert.equal(await newSpaceMiB(startWithSemiSpace(8, probe, 0)), 4);
  } finally {
    setFlagsFromString("--max-semi-space-size=0");
  }
});

test("a worker that cannot start leaves the flag as it was", async () => {
  setFlagsFromString("--max-semi-space-size=2");
  try {
    assert.throws(() => startWithSemiSpace(8, () => { throw new Error("no worker"); }, 2), /no worker/);
    assert.equal(await newSpaceMiB(probe()), 4);
  } finally {
    setFlagsFromString("--max-semi-space-size=0");
  }
});
