// A run that is still training when a test acts on it (cancels it, or checks that a forged request
// did not). 1000 epochs of Linux_2k's 235 windows end in about 3.4 s on an idle machine, and a CI
// run once saw such a run succeed before the test cancelled it. A generated log of 40,000 lines in
// 1 s windows has 25,742 windows, at 0.19 s an epoch (CLI, idle): 1000 epochs take about three
// minutes, far beyond any test's wait.
import assert from "node:assert/strict";
import { generateLogs, planGeneration } from "../../lib/generate";

const LINES = 40_000;

function generatedText(): string {
  const chunks = generateLogs(planGeneration({ lines: LINES, seed: 11, hosts: 4 }));
  const parts: string[] = [];
  for (let step = chunks.next(); !step.done; step = chunks.next()) parts.push(step.value);
  return parts.join("");
}

/** Uploads the generated log and starts a 1000-epoch run on it; returns the run's id. */
export async function startLongTrainingRun(base: string): Promise<number> {
  const form = new FormData();
  form.set("file", new Blob([generatedText()], { type: "text/plain" }), "long-training.log");
  // The generator's default start is in 2025 and its stamps carry no year.
  for (const [name, value] of Object.entries({ year: "2025", window: "1", epochs: "1000" })) form.set(name, value);
  const response = await fetch(`${base}/api/runs`, { method: "POST", body: form });
  assert.equal(response.status, 201, await response.clone().text());
  return ((await response.json()) as { id: number }).id;
}
