import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { PIPELINE_MALLOC_ENV, withPipelineMalloc } from "@/lib/config/pipeline-malloc";
import { workerEnv } from "@/lib/jobs/job-config";

const SCRIPT = "scripts/pipeline-node.sh";
const PRINT_MALLOC = "process.stdout.write(JSON.stringify({ MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ }))";

/** The environment without any malloc setting of the machine running the tests. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.MALLOC_ARENA_MAX;
  delete env.MALLOC_MMAP_THRESHOLD_;
  return env;
}

test("the pipeline's malloc settings are added where the environment sets none, and an operator's own are kept", () => {
  const env: NodeJS.ProcessEnv = { NODE_ENV: "test", PATH: "/bin", MALLOC_ARENA_MAX: "4" };
  assert.deepEqual(withPipelineMalloc(env), { NODE_ENV: "test", PATH: "/bin", MALLOC_ARENA_MAX: "4", MALLOC_MMAP_THRESHOLD_: "262144" });
  assert.deepEqual(env, { NODE_ENV: "test", PATH: "/bin", MALLOC_ARENA_MAX: "4" });
  assert.deepEqual(withPipelineMalloc({ NODE_ENV: "test" }), { NODE_ENV: "test", ...PIPELINE_MALLOC_ENV });
});

test("scripts/pipeline-node.sh starts node with the same settings, keeps an operator's, and passes the exit code on", () => {
  const started = execFileSync("sh", [SCRIPT, "-e", PRINT_MALLOC], { env: cleanEnv(), encoding: "utf8" });
  assert.deepEqual(JSON.parse(started), { ...PIPELINE_MALLOC_ENV });
  const kept = execFileSync("sh", [SCRIPT, "-e", PRINT_MALLOC], { env: { ...cleanEnv(), MALLOC_MMAP_THRESHOLD_: "1048576" }, encoding: "utf8" });
  assert.deepEqual(JSON.parse(kept), { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "1048576" });
  assert.equal(spawnSync("sh", [SCRIPT, "-e", "process.exit(3)"], { env: cleanEnv() }).status, 3);
});

test("the CLI's pipeline commands go through scripts/pipeline-node.sh", () => {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  for (const name of ["detect", "predict", "watch", "templates"]) {
    assert.ok(scripts[name]?.endsWith(`sh ${SCRIPT} dist/${name}.cjs`), `${name}: ${scripts[name]}`);
  }
});

test("a job worker gets the pipeline's malloc settings unless the server has its own", () => {
  const saved = { ...process.env };
  try {
    delete process.env.MALLOC_ARENA_MAX;
    process.env.MALLOC_MMAP_THRESHOLD_ = "524288";
    const env = workerEnv();
    assert.equal(env.MALLOC_ARENA_MAX, "2");
    assert.equal(env.MALLOC_MMAP_THRESHOLD_, "524288");
  } finally {
    for (const name of Object.keys(PIPELINE_MALLOC_ENV)) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
});
