import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { PIPELINE_MALLOC_ENV, PIPELINE_V8_FLAG, withPipelineMemory } from "@/lib/config/pipeline-memory";
import { workerEnv } from "@/lib/jobs/job-config";

const SCRIPT = "scripts/pipeline-node.sh";
const PRINT_MALLOC = "process.stdout.write(JSON.stringify({ MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ }))";
/**
 * The new space after a burst of short-lived objects, which grows it to its largest (two semi-spaces:
 * 32 MiB with node's defaults here, 4 MiB with 2 MiB semi-spaces), and the NODE_OPTIONS seen.
 */
const PRINT_FLAGS = `let keep = []; for (let i = 0; i < 3e6; i++) { keep.push({ i, s: [i, i + 1] }); if (keep.length > 200000) keep = []; }
process.stdout.write(JSON.stringify({ options: process.env.NODE_OPTIONS ?? null, newSpace: require("node:v8").getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size }));`;

/** The environment without any memory setting of the machine running the tests. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.MALLOC_ARENA_MAX;
  delete env.MALLOC_MMAP_THRESHOLD_;
  delete env.NODE_OPTIONS;
  return env;
}

test("the pipeline's memory settings are added where the environment sets none, and an operator's own are kept", () => {
  const env: NodeJS.ProcessEnv = { NODE_ENV: "test", PATH: "/bin", MALLOC_ARENA_MAX: "4" };
  assert.deepEqual(withPipelineMemory(env), { NODE_ENV: "test", PATH: "/bin", MALLOC_ARENA_MAX: "4", MALLOC_MMAP_THRESHOLD_: "262144", NODE_OPTIONS: PIPELINE_V8_FLAG });
  assert.deepEqual(env, { NODE_ENV: "test", PATH: "/bin", MALLOC_ARENA_MAX: "4" });
  assert.deepEqual(withPipelineMemory({ NODE_ENV: "test" }), { NODE_ENV: "test", ...PIPELINE_MALLOC_ENV, NODE_OPTIONS: PIPELINE_V8_FLAG });
  // Other node options stay, with the flag after them; an operator's own semi-space is left alone.
  assert.equal(withPipelineMemory({ NODE_ENV: "test", NODE_OPTIONS: "--conditions=react-server" }).NODE_OPTIONS, `--conditions=react-server ${PIPELINE_V8_FLAG}`);
  assert.equal(withPipelineMemory({ NODE_ENV: "test", NODE_OPTIONS: "--max-semi-space-size=8" }).NODE_OPTIONS, "--max-semi-space-size=8");
});

test("scripts/pipeline-node.sh starts node with the same settings, keeps an operator's, and passes the exit code on", () => {
  const started = execFileSync("sh", [SCRIPT, "-e", PRINT_MALLOC], { env: cleanEnv(), encoding: "utf8" });
  assert.deepEqual(JSON.parse(started), { ...PIPELINE_MALLOC_ENV });
  const kept = execFileSync("sh", [SCRIPT, "-e", PRINT_MALLOC], { env: { ...cleanEnv(), MALLOC_MMAP_THRESHOLD_: "1048576" }, encoding: "utf8" });
  assert.deepEqual(JSON.parse(kept), { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "1048576" });
  assert.equal(spawnSync("sh", [SCRIPT, "-e", "process.exit(3)"], { env: cleanEnv() }).status, 3);
});

test("scripts/pipeline-node.sh starts node with the same semi-space, which V8 then keeps to, and keeps an operator's", () => {
  type Seen = { options: string | null; newSpace: number };
  const read = (env: NodeJS.ProcessEnv) => JSON.parse(execFileSync("sh", [SCRIPT, "-e", PRINT_FLAGS], { env, encoding: "utf8" })) as Seen;
  const started = read(cleanEnv());
  assert.equal(started.options, withPipelineMemory({ NODE_ENV: "test" }).NODE_OPTIONS);
  const plain = JSON.parse(execFileSync(process.execPath, ["-e", PRINT_FLAGS], { env: cleanEnv(), encoding: "utf8" })) as Seen;
  assert.ok(started.newSpace <= 4 * 1024 * 1024, `new space of ${started.newSpace} bytes`);
  assert.ok(plain.newSpace > started.newSpace, `node's own new space, ${plain.newSpace} bytes, grows further`);
  const kept = read({ ...cleanEnv(), NODE_OPTIONS: "--max-semi-space-size=8 --no-warnings" });
  assert.equal(kept.options, "--max-semi-space-size=8 --no-warnings");
  assert.equal(read({ ...cleanEnv(), NODE_OPTIONS: "--no-warnings" }).options, `--no-warnings ${PIPELINE_V8_FLAG}`);
});

test("the CLI's pipeline commands go through scripts/pipeline-node.sh", () => {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  for (const name of ["detect", "predict", "watch", "templates"]) {
    assert.ok(scripts[name]?.endsWith(`sh ${SCRIPT} dist/${name}.cjs`), `${name}: ${scripts[name]}`);
  }
});

test("a job worker gets the pipeline's memory settings unless the server has its own", () => {
  const saved = { ...process.env };
  try {
    delete process.env.MALLOC_ARENA_MAX;
    process.env.MALLOC_MMAP_THRESHOLD_ = "524288";
    delete process.env.NODE_OPTIONS;
    const env = workerEnv();
    assert.equal(env.MALLOC_ARENA_MAX, "2");
    assert.equal(env.MALLOC_MMAP_THRESHOLD_, "524288");
    assert.equal(env.NODE_OPTIONS, PIPELINE_V8_FLAG);
  } finally {
    for (const name of [...Object.keys(PIPELINE_MALLOC_ENV), "NODE_OPTIONS"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
});
