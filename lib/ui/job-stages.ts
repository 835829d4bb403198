/**
 * Which pipeline step a running job is in, for the stepper on the New run page. The worker
 * reports one progress fraction and a message (lib/jobs/worker/job-progress.ts): parsing fills the first
 * 30 %, scaling / Isolation Forest / DBSCAN the next 10 %, the autoencoder's epochs up to 90 %,
 * then models and windows are saved. Messages are more precise than fractions, so they win.
 */

export const JOB_STAGES = [
  { key: "parse", label: "Parse & window" },
  { key: "detectors", label: "Isolation Forest · DBSCAN" },
  { key: "autoencoder", label: "Autoencoder" },
  { key: "store", label: "Save results" },
] as const;

export type JobStageKey = (typeof JOB_STAGES)[number]["key"];

export function stageOfJob(progress: number, message: string | null | undefined): JobStageKey {
  const text = (message ?? "").toLowerCase();
  if (/epoch|autoencoder/.test(text)) return "autoencoder";
  if (/stor|saving/.test(text)) return "store";
  if (/isolation|dbscan|scal|eps|k-distance/.test(text)) return "detectors";
  if (/pars/.test(text)) return "parse";
  if (progress >= 0.92) return "store";
  if (progress >= 0.4) return "autoencoder";
  if (progress >= 0.3) return "detectors";
  return "parse";
}
