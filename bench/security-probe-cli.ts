// The CLI cases of issue #13 (item 7), run against a checkout's compiled commands (dist/detect.cjs,
// dist/predict.cjs from `npm run -s build:node`) in a temporary folder: --out over the log being
// read, a read-only --out folder and --models-dir, and models damaged three ways. #13 asks for exit
// code 2 and one sentence naming the problem, before any training, with the input left untouched.
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { excerpt, type Row } from "./security-probe-report";

interface Exit {
  code: number | null;
  stderr: string;
  ms: number;
}

const CLI_TIMEOUT_MS = 300_000;

function runNode(script: string, args: readonly string[], cwd: string): Promise<Exit> {
  const started = performance.now();
  return new Promise<Exit>((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"], timeout: CLI_TIMEOUT_MS });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("close", (code) => resolve({ code, stderr, ms: Math.round(performance.now() - started) }));
    child.on("error", (error) => resolve({ code: null, stderr: error.message, ms: Math.round(performance.now() - started) }));
  });
}

const sha256 = async (path: string) => createHash("sha256").update(await readFile(path)).digest("hex");
const exists = (path: string) => stat(path).then(() => true, () => false);
const entries = (dir: string) => readdir(dir).catch(() => [] as string[]);
const lastLine = (text: string) => text.trim().split("\n").filter((line) => line.trim() !== "").pop() ?? "";
const chattr = (flag: string, path: string) =>
  new Promise<boolean>((resolve) => execFile("chattr", [flag, path], (error) => resolve(!error)));
const canWrite = (dir: string) =>
  writeFile(join(dir, "probe"), "").then(
    () => rm(join(dir, "probe")).then(() => true),
    () => false,
  );

/** A folder no file can be created in: chmod 555, or for root (whom chmod does not stop) chattr +i, else a path under a regular file. */
async function unwritableFolder(root: string): Promise<{ dir: string; how: string; undo: () => Promise<void> }> {
  const dir = join(root, "read-only");
  await mkdir(dir);
  await chmod(dir, 0o555);
  const undoChmod = () => chmod(dir, 0o755).catch(() => undefined);
  if (!(await canWrite(dir))) return { dir, how: "chmod 555", undo: undoChmod };
  if ((await chattr("+i", dir)) && !(await canWrite(dir))) {
    return { dir, how: "chattr +i, as root ignores chmod", undo: async () => void (await chattr("-i", dir), await undoChmod()) };
  }
  const file = join(root, "a-file");
  await writeFile(file, "not a folder\n");
  return { dir: join(file, "sub"), how: "a path under a regular file (root, no chattr)", undo: undoChmod };
}

interface Expect {
  /** Text the last stderr line must hold (the file or folder at fault). */
  names: string;
  /** The refusal must come before any work: no progress line ("Parsing …", "Training …") on stderr. */
  beforeWork?: boolean;
  /** Further conditions, checked after the command: a problem, or null. */
  after?: () => Promise<string | null>;
}

async function judge(id: string, sent: string, exit: Exit, expect: Expect): Promise<Row> {
  const line = lastLine(exit.stderr);
  const problems: string[] = [];
  if (exit.code !== 2) problems.push(`exit ${exit.code ?? "none"}, expected 2`);
  if (/unexpected error/i.test(line)) problems.push('"Unexpected error"');
  if (!line.includes(expect.names)) problems.push(`the message does not name ${expect.names}`);
  const work = exit.stderr.split("\n").filter((text) => /^(?:Parsing|Training|Saving)\b/.test(text)).pop();
  if (expect.beforeWork && work) problems.push(`it worked first (stderr: "${work.trim()}")`);
  const after = await expect.after?.();
  if (after) problems.push(after);
  return {
    id,
    sent,
    status: `exit ${exit.code ?? "none"}`,
    ms: exit.ms,
    answer: excerpt(line),
    verdict: problems.length === 0 ? "handled" : "NOT handled",
    why: problems.length === 0 ? `exit 2, names ${expect.names}` : problems.join("; "),
  };
}

type Damage = [id: string, what: string, file: string, apply: (dir: string) => Promise<void>];

const DAMAGES: readonly Damage[] = [
  [
    "7d",
    "weights.bin truncated to half",
    "weights.bin",
    async (dir) => {
      const path = join(dir, "autoencoder", "weights.bin");
      await truncate(path, Math.floor((await stat(path)).size / 2));
    },
  ],
  ["7e", 'isolation-forest.json = {"trees":[]}', "isolation-forest.json", (dir) => writeFile(join(dir, "isolation-forest.json"), '{"trees":[]}')],
  ["7f", "scaler.json = null", "scaler.json", (dir) => writeFile(join(dir, "scaler.json"), "null")],
];

/** Every CLI case against the commands built in `cliDir`, reading `logPath` (logs/Linux_2k.log). */
export async function cliCases(cliDir: string, logPath: string): Promise<Row[]> {
  const detect = join(cliDir, "dist", "detect.cjs");
  const predict = join(cliDir, "dist", "predict.cjs");
  for (const script of [detect, predict]) {
    if (!(await exists(script))) throw new Error(`${script} is missing: run "npm run -s build:node" in ${cliDir}`);
  }
  const root = await mkdtemp(join(tmpdir(), "security-probe-cli-"));
  const folder = await unwritableFolder(root);
  const rows: Row[] = [];
  try {
    const victim = join(root, "victim.log");
    await cp(logPath, victim);
    const before = await sha256(victim);
    const overwrite = await runNode(detect, ["victim.log", "--year", "2005", "--out", "victim.log", "--models-dir", "models-7a"], root);
    rows.push(
      await judge("7a", "detect victim.log --out victim.log", overwrite, {
        names: "victim.log",
        beforeWork: true,
        after: async () => ((await sha256(victim)) === before ? null : "victim.log was overwritten"),
      }),
    );

    const outModels = join(root, "models-7b");
    const readOnlyOut = await runNode(detect, [logPath, "--year", "2005", "--out", join(folder.dir, "out.csv"), "--models-dir", outModels], root);
    rows.push(
      await judge("7b", `detect --out <read-only folder>/out.csv (${folder.how})`, readOnlyOut, {
        names: folder.dir.replace(/\/sub$/, ""),
        beforeWork: true,
        after: async () => ((await entries(outModels)).length === 0 ? null : "models were saved"),
      }),
    );

    const outCsv = join(root, "out-7c.csv");
    const readOnlyModels = await runNode(detect, [logPath, "--year", "2005", "--out", outCsv, "--models-dir", join(folder.dir, "models")], root);
    rows.push(
      await judge("7c", `detect --models-dir <read-only folder>/models (${folder.how})`, readOnlyModels, {
        names: folder.dir.replace(/\/sub$/, ""),
        beforeWork: true,
        after: async () => ((await exists(outCsv)) ? "results were written" : null),
      }),
    );

    const trainedModels = join(root, "models-trained");
    const trained = await runNode(detect, [logPath, "--year", "2005", "--out", join(root, "trained.csv"), "--models-dir", trainedModels], root);
    const [model] = await entries(trainedModels);
    if (trained.code !== 0 || model === undefined) throw new Error(`training a model to damage failed (exit ${trained.code}): ${lastLine(trained.stderr)}`);
    for (const [id, what, file, apply] of DAMAGES) {
      const copy = join(root, `damaged-${id}`);
      await cp(join(trainedModels, model), copy, { recursive: true });
      await apply(copy);
      const exit = await runNode(predict, [logPath, "--model", copy, "--out", join(root, `predicted-${id}.csv`)], root);
      rows.push(await judge(id, `predict --model <model with ${what}>`, exit, { names: file }));
    }
  } finally {
    await folder.undo();
    await rm(root, { recursive: true, force: true });
  }
  return rows;
}
