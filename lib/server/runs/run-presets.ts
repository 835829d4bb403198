import "server-only";
import { getRun } from "@/lib/db/get-run";
import { listPresets } from "@/lib/db/list-presets";
import { savePreset } from "@/lib/db/save-preset";
import type { PresetRecord } from "@/lib/db/types";
import { getFinishedRun, storedSettings } from "./relabel-run";
import type { ThresholdOverrides } from "@/lib/domain/types";
import { jsonKindOf } from "@/lib/pipeline/params";
import { invalidInput } from "@/lib/server/http/request-input";
import { notFound } from "@/lib/server/http/service-error";

export interface PresetView {
  id: number;
  name: string;
  eps: number;
  minSamples: number;
  contamination: number;
  aePercentile: number;
  votes: number;
  createdAt: string;
}

export function toPresetView(p: PresetRecord): PresetView {
  return {
    id: p.id,
    name: p.name,
    eps: p.eps,
    minSamples: p.minSamples,
    contamination: p.contamination,
    aePercentile: p.aePercentile,
    votes: p.votes,
    createdAt: p.createdAt.toISOString(),
  };
}

/** Checks a preset name the way an analyst types it. */
export function parsePresetName(raw: unknown): string {
  if (raw !== undefined && raw !== null && typeof raw !== "string") {
    throw invalidInput({ name: `a preset name must be text such as loose, not ${jsonKindOf(raw)}` });
  }
  const name = raw?.trim() ?? "";
  if (name.length === 0) throw invalidInput({ name: "give the preset a name" });
  if (name.length > 100) throw invalidInput({ name: "a preset name must be at most 100 characters" });
  return name;
}

/**
 * Saves a named threshold set for a finished run; thresholds not given are the run's own. The
 * run's stored labels are not touched. A name already used on the run is a 409.
 */
export async function saveRunPreset(runId: number, name: string, thresholds: ThresholdOverrides): Promise<PresetView> {
  const run = await getFinishedRun(runId);
  const settings = { ...storedSettings(run), ...thresholds };
  return toPresetView(await savePreset({ runId, name, ...settings }));
}

export async function listRunPresets(runId: number): Promise<PresetView[]> {
  if (!(await getRun(runId))) throw notFound(`There is no run ${runId}.`);
  return (await listPresets(runId)).map(toPresetView);
}
