"use client";

import type { ReactNode } from "react";
import { epochsNote } from "@/lib/ui/autoencoder-epochs";
import { futureYearWarning } from "@/lib/ui/future-year";
import { PARAM_FIELDS, type ParamField, type ParamGroup, type ParamName } from "@/lib/ui/param-fields";
import { FeatureSetField } from "./feature-set-field";
import { FORMAT_OPTION_NAMES } from "./format-options";
import { ParamInput } from "./param-input";
import { usePreviewTimes } from "./preview-times";

interface ParamFieldsProps {
  values: Record<ParamName, string>;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (name: ParamName, value: string) => void;
}

// Keyed by group so TypeScript asks for a title whenever lib/ui/param-fields.ts adds one; key order is the form's.
const GROUP_TITLES: Record<ParamGroup, { title: string; note: string }> = {
  windows: { title: "Windows", note: "How the log is cut into time windows." },
  features: { title: "Features", note: "What is measured in every window." },
  detectors: { title: "Detectors & ensemble", note: "Thresholds can be tuned again on the run page without retraining. Tick auto to let training choose." },
  training: { title: "Training", note: "Autoencoder training and reproducibility." },
};
const GROUPS = Object.entries(GROUP_TITLES).map(([key, group]) => ({ key: key as ParamGroup, ...group }));

// The format and its options have their own step (format-card.tsx), beside the preview they drive.
const ELSEWHERE: ReadonlySet<ParamName> = new Set<ParamName>(["format", ...FORMAT_OPTION_NAMES]);
const FIELDS = PARAM_FIELDS.filter((f) => !ELSEWHERE.has(f.name));

/** The parameter form: one input per DetectParams field, its help line and its error beside it. */
export function ParamFields({ values, errors, disabled, onChange }: ParamFieldsProps) {
  const preview = usePreviewTimes();
  const future = futureYearWarning(values.year, preview, Date.now());
  const yearWarning = future && (
    <>
      {future.sentence}{" "}
      <button type="button" className="underline hover:text-amber-950" onClick={() => onChange("year", String(future.suggested))}>
        Use {future.suggested}
      </button>
    </>
  );
  const extras = (field: ParamField): { note?: string | null; warning?: ReactNode } => {
    if (field.name === "epochs") return { note: epochsNote(values.features, values.combine, values.epochs.trim() || field.defaultValue) };
    if (field.name === "year") return { warning: yearWarning };
    return {};
  };
  return (
    <div className="divide-y divide-slate-100">
      {GROUPS.map((group) => (
        <fieldset key={group.key} className="grid grid-cols-1 gap-3 px-4 py-4 md:grid-cols-[180px_1fr] md:gap-6" disabled={disabled}>
          <legend className="contents">
            <span className="block">
              <span className="block text-sm font-medium text-slate-900">{group.title}</span>
              <span className="mt-0.5 block text-xs text-slate-500">{group.note}</span>
            </span>
          </legend>
          {group.key === "features" ? (
            FIELDS.filter((f) => f.group === "features").map((field) => (
              <FeatureSetField key={field.name} field={field} value={values[field.name]} error={errors[field.name]} onChange={onChange} />
            ))
          ) : (
            <div className="grid grid-cols-2 gap-x-5 gap-y-4 xl:grid-cols-3">
              {FIELDS.filter((f) => f.group === group.key).map((field) => (
                <ParamInput key={field.name} field={field} value={values[field.name]} error={errors[field.name]} {...extras(field)} onChange={onChange} />
              ))}
            </div>
          )}
        </fieldset>
      ))}
    </div>
  );
}
