// The rows bench/security-probe.ts prints: one per case of issue #13's "Why" list, with what was
// sent, what came back and a verdict, as a Markdown table so two runs (before and after the fix)
// can be set side by side. Also the cases a black-box probe cannot reach, with the tests that do.
import { errorSentence, isOneSentence, type Answer } from "./security-probe-http";

export type Verdict = "handled" | "NOT handled";

export interface Row {
  /** The item and a letter: "1a", "6d", "7c". */
  id: string;
  sent: string;
  /** HTTP status or "exit N". */
  status: string;
  ms: number;
  /** The first 120 characters of the answer (body, or stderr for the CLI). */
  answer: string;
  verdict: Verdict;
  why: string;
}

/** Whitespace folded, cut to `length` characters. */
export function excerpt(text: string, length = 120): string {
  return text.replace(/\s+/g, " ").trim().slice(0, length);
}

/** The expected refusal: one of `statuses`, a JSON error of one sentence, and within `maxMs` when given. */
export function refusalRow(id: string, sent: string, answer: Answer, statuses: readonly number[], maxMs?: number): Row {
  const sentence = errorSentence(answer);
  const problems: string[] = [];
  if (!statuses.includes(answer.status)) problems.push(`status ${answer.status || answer.failure || "none"}, expected ${statuses.join("/")}`);
  if (!isOneSentence(sentence)) problems.push(answer.body === "" ? "empty body" : "no JSON error sentence");
  if (maxMs !== undefined && answer.ms > maxMs) problems.push(`took ${answer.ms} ms (> ${maxMs})`);
  return {
    id,
    sent,
    status: String(answer.status || "none"),
    ms: answer.ms,
    answer: excerpt(answer.failure ?? answer.body),
    verdict: problems.length === 0 ? "handled" : "NOT handled",
    why: problems.length === 0 ? `${answer.status} with a sentence` : problems.join("; "),
  };
}

/** The cases that need sign-in, HOST=0.0.0.0, a full disk, a second server or a browser: where each is tested. */
export const COVERED_ELSEWHERE: readonly { id: string; item: string; tests: string }[] = [
  { id: "1", item: "a real cross-origin page in Chromium (forms, fetch, server actions)", tests: "test/browser/cross-origin.test.ts" },
  {
    id: "3",
    item: "no authentication; HOST=0.0.0.0 with no account",
    tests: "test/scripts/start-account-refusal.test.ts, test/server/auth/routes-sign-in.test.ts, test/browser/sign-in.test.ts",
  },
  { id: "4", item: "event loop blocked by heavy routes; GET /api/runs behind them", tests: "test/server/api/heavy-routes-event-loop.test.ts, bench/load-api.ts (npm run load)" },
  { id: "5", item: "stored uploads unbounded (quota)", tests: "test/server/uploads/storage-quota.test.ts" },
  { id: "5", item: "no rate limits on runs and uploads", tests: "test/server/api/rate-limit-api.test.ts, test/server/http/rate-limit.test.ts" },
  { id: "6", item: "disk full on upload (ENOSPC) as a 500", tests: "test/server/uploads/upload-file.test.ts" },
  { id: "7", item: "CLI: disk full half-writes", tests: "test/cli/run-cli.test.ts, test/pipeline/write-file-atomic.test.ts, test/pipeline/model-store.test.ts" },
  { id: "8", item: "a second server on the same DATA_DIR (lock file)", tests: "test/jobs/instance-lock.test.ts, test/scripts/start-instance-lock.test.ts" },
  { id: "8", item: "read-only MODELS_DIR at start", tests: "test/scripts/start-refusals.test.ts" },
  { id: "8", item: "failed-run pages embed storedPath and sha256", tests: "test/browser/security-headers.test.ts" },
];

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function printRows(title: string, rows: readonly Row[], out: (line: string) => void): void {
  out(`\n## ${title}\n`);
  out("| case | sent | status | ms | answer (first 120 chars) | verdict | why |");
  out("|---|---|---|---|---|---|---|");
  for (const row of rows) {
    out(`| ${[row.id, row.sent, row.status, String(row.ms), row.answer, row.verdict, row.why].map(cell).join(" | ")} |`);
  }
}

export function printCoveredElsewhere(out: (line: string) => void): void {
  out("\n## Covered elsewhere (needs sign-in, HOST=0.0.0.0, a full disk, a second server or a browser)\n");
  out("| case | item | tests |");
  out("|---|---|---|");
  for (const entry of COVERED_ELSEWHERE) out(`| ${entry.id} | ${cell(entry.item)} | ${cell(entry.tests)} |`);
}
