"use client";

import type { LabelSettings } from "@/lib/domain/types";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { savePreset } from "@/app/actions/save-preset";
import { Button } from "@/components/ui/button";
import { IDLE_ACTION } from "@/lib/domain/action-state";
import { formatParamNumber, sameThresholds } from "@/lib/ui/url-state";

export interface PresetItem extends LabelSettings {
  id: number;
  name: string;
}

interface PresetsSectionProps {
  runId: number;
  settings: LabelSettings;
  presets: PresetItem[];
  onApply: (settings: LabelSettings) => void;
}

/** Save the current thresholds under a name (per run), and apply saved ones. */
export function PresetsSection({ runId, settings, presets, onApply }: PresetsSectionProps) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const save = () =>
    startTransition(async () => {
      const form = new FormData();
      form.set("runId", String(runId));
      form.set("name", name);
      for (const [key, value] of Object.entries(settings)) form.set(key, formatParamNumber(value));
      try {
        const result = await savePreset(IDLE_ACTION, form);
        if (result.status !== "ok") {
          // The field's own message (e.g. the name's) says more than the summary sentence.
          const detail = result.status === "error" ? (Object.values(result.errors)[0] ?? result.message) : "";
          setMessage({ ok: false, text: detail || "The preset could not be saved." });
          return;
        }
        setMessage({ ok: true, text: `Saved “${name.trim()}”.` });
        setName("");
        router.refresh();
      } catch {
        setMessage({ ok: false, text: "The server could not be reached; try again." });
      }
    });

  return (
    <div>
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) save();
        }}
      >
        <label htmlFor="preset-name" className="sr-only">Preset name</label>
        <input
          id="preset-name"
          value={name}
          maxLength={100}
          placeholder="Preset name, e.g. strict"
          onChange={(event) => setName(event.target.value)}
          className="h-8 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2.5 text-[13px] outline-none placeholder:text-slate-400 focus:border-blue-500 focus:ring-2 focus:ring-blue-100"
        />
        <Button type="submit" size="sm" disabled={pending || name.trim() === ""}>
          {pending ? "Saving…" : "Save preset"}
        </Button>
      </form>
      {message && (
        <p role="status" className={`mt-1.5 text-xs ${message.ok ? "text-emerald-700" : "text-red-600"}`}>
          {message.text}
        </p>
      )}
      {presets.length > 0 && (
        <ul className="mt-3 space-y-1" aria-label="Saved presets">
          {presets.map((preset) => {
            const active = sameThresholds(preset, settings);
            return (
              <li key={preset.id}>
                <button
                  type="button"
                  onClick={() => onApply(preset)}
                  aria-pressed={active}
                  className={`flex w-full items-center justify-between gap-2 rounded-md border px-2.5 py-1.5 text-left text-xs transition-colors ${
                    active ? "border-blue-300 bg-blue-50 text-blue-900" : "border-slate-200 bg-white text-slate-700 hover:border-slate-300 hover:bg-slate-50"
                  }`}
                >
                  <span className="truncate font-medium">{preset.name}</span>
                  <span className="tabular shrink-0 text-[11px] text-slate-500">
                    c {preset.contamination} · p{preset.aePercentile} · eps {preset.eps} · {preset.minSamples} · {preset.votes}v
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
