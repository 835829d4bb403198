// Loaded into the compiled CLI (node --import this dist/detect.cjs) by the full-disk test in
// run-cli.test.ts: a disk cannot be filled for real in a test, so a write of a temporary file whose
// name holds LOGSCOPE_TEST_FULL_DISK reaches the disk halfway, then fails as a full disk fails it.
// Plain JavaScript: hashFile's worker thread inherits --import, and a worker cannot load TypeScript.
import fsPromises from "node:fs/promises";

const marker = process.env.LOGSCOPE_TEST_FULL_DISK;
const writeFile = fsPromises.writeFile;

fsPromises.writeFile = async (...args) => {
  const [path, data] = args;
  if (!marker || typeof path !== "string" || !path.includes(marker) || !path.endsWith(".tmp")) return writeFile(...args);
  await writeFile(path, String(data).slice(0, String(data).length / 2));
  throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" });
};
