"use client";

import type { ParamField, ParamName } from "@/lib/ui/param-fields";

interface FeatureSetFieldProps {
  field: ParamField;
  value: string;
  error?: string;
  onChange: (name: ParamName, value: string) => void;
}

/** The feature set as two radio cards, each with its one line of help. */
export function FeatureSetField({ field, value, error, onChange }: FeatureSetFieldProps) {
  const id = `param-${field.name}`;
  const options = field.options ?? [];
  const selected = options.some((o) => o.value === value) ? value : field.defaultValue;
  return (
    <div className="min-w-0">
      <div
        role="radiogroup"
        aria-label={field.label}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        className="grid grid-cols-1 gap-3 sm:grid-cols-2"
      >
        {options.map((option) => {
          const checked = option.value === selected;
          const optionId = `${id}-${option.value}`;
          return (
            <label
              key={option.value}
              htmlFor={optionId}
              className={`flex cursor-pointer gap-2.5 rounded-md border px-3 py-2.5 transition-colors has-[:disabled]:cursor-not-allowed has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-100 ${
                checked ? "border-blue-500 bg-blue-50/60" : "border-slate-200 bg-white hover:border-slate-300"
              }`}
            >
              <input
                id={optionId}
                type="radio"
                name={field.name}
                value={option.value}
                checked={checked}
                aria-describedby={`${optionId}-help`}
                onChange={() => onChange(field.name, option.value)}
                className="mt-0.5 h-3.5 w-3.5 shrink-0 accent-blue-600"
              />
              <span className="min-w-0">
                <span className="block text-[13px] font-medium text-slate-800">{option.label}</span>
                <span id={`${optionId}-help`} className="mt-0.5 block text-xs leading-snug text-slate-500">
                  {option.help}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
