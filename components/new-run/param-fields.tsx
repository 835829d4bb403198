"use client";

import { PARAM_FIELDS, type ParamField, type ParamName } from "@/lib/ui/param-fields";

interface ParamFieldsProps {
  values: Record<ParamName, string>;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (name: ParamName, value: string) => void;
}

const GROUPS: { key: ParamField["group"]; title: string; note: string }[] = [
  { key: "windows", title: "Windows", note: "How the log is cut into time windows." },
  { key: "detectors", title: "Detectors & ensemble", note: "Thresholds can be tuned again on the run page without retraining." },
  { key: "training", title: "Training", note: "Autoencoder training and reproducibility." },
];

/** The parameter form: one input per DetectParams field, its help line and its error beside it. */
export function ParamFields({ values, errors, disabled, onChange }: ParamFieldsProps) {
  return (
    <div className="divide-y divide-slate-100">
      {GROUPS.map((group) => (
        <fieldset key={group.key} className="grid grid-cols-[180px_1fr] gap-6 px-4 py-4" disabled={disabled}>
          <legend className="contents">
            <span className="block">
              <span className="block text-sm font-medium text-slate-900">{group.title}</span>
              <span className="mt-0.5 block text-xs text-slate-500">{group.note}</span>
            </span>
          </legend>
          <div className="grid grid-cols-2 gap-x-5 gap-y-4 xl:grid-cols-3">
            {PARAM_FIELDS.filter((f) => f.group === group.key).map((field) => (
              <ParamInput key={field.name} field={field} value={values[field.name]} error={errors[field.name]} onChange={onChange} />
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}

function ParamInput({ field, value, error, onChange }: { field: ParamField; value: string; error?: string; onChange: ParamFieldsProps["onChange"] }) {
  const id = `param-${field.name}`;
  const isEps = field.name === "eps";
  const auto = isEps && value.trim().toLowerCase() === "auto";
  return (
    <div className="min-w-0">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-[13px] font-medium text-slate-700">
          {field.label}
        </label>
        {!isEps && field.defaultValue !== "" && value.trim() !== field.defaultValue && (
          <button type="button" className="text-[11px] text-slate-400 hover:text-blue-700" onClick={() => onChange(field.name, field.defaultValue)}>
            default {field.defaultValue}
          </button>
        )}
        {isEps && (
          <label className="flex items-center gap-1.5 text-xs text-slate-600">
            <input
              type="checkbox"
              className="h-3.5 w-3.5 rounded border-slate-300 accent-blue-600"
              checked={auto}
              onChange={(event) => onChange("eps", event.target.checked ? "auto" : field.defaultValue)}
            />
            auto
          </label>
        )}
      </div>
      <div className="relative mt-1">
        <input
          id={id}
          name={field.name}
          value={value}
          inputMode={field.inputMode}
          autoComplete="off"
          spellCheck={false}
          readOnly={auto}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
          onChange={(event) => onChange(field.name, event.target.value)}
          className={`tabular h-9 w-full rounded-md border bg-white px-2.5 text-sm text-slate-900 shadow-sm outline-none transition-colors placeholder:text-slate-400 focus:ring-2 disabled:bg-slate-50 disabled:text-slate-500 read-only:bg-slate-50 read-only:text-slate-500 ${
            error ? "border-red-400 focus:border-red-500 focus:ring-red-100" : "border-slate-300 focus:border-blue-500 focus:ring-blue-100"
          } ${field.unit ? "pr-8" : ""}`}
        />
        {field.unit && <span className="pointer-events-none absolute inset-y-0 right-2.5 flex items-center text-xs text-slate-400">{field.unit}</span>}
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-600">
          {error}
        </p>
      ) : null}
      <p id={`${id}-help`} className="mt-1 text-xs leading-snug text-slate-500">
        {field.help}
      </p>
    </div>
  );
}
