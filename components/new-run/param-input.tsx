"use client";

import { useRef, type ReactNode } from "react";
import { AUTO, type ParamField, type ParamName } from "@/lib/ui/param-fields";

interface ParamInputProps {
  field: ParamField;
  value: string;
  error?: string;
  /** A sentence added to the help line for the form's other values (the epochs an extended run trains). */
  note?: string | null;
  /** A warning beside the field that does not block the run (a year that puts the log in the future). */
  warning?: ReactNode;
  onChange: (name: ParamName, value: string) => void;
}

const isAuto = (value: string) => value.trim().toLowerCase() === AUTO;

/**
 * One numeric parameter with its help line and its error beside it. Fields that accept `auto` get
 * a checkbox that disables the number (a hidden input then sends "auto") and remembers the number
 * typed before, so unticking gives it back.
 */
export function ParamInput({ field, value, error, note, warning, onChange }: ParamInputProps) {
  const id = `param-${field.name}`;
  const canAuto = field.autoHelp !== undefined;
  const auto = canAuto && isAuto(value);
  const lastNumber = useRef(auto ? field.defaultValue : value);
  const help = auto && field.autoHelp ? field.autoHelp : field.help;
  // A blank default (year) means "the pipeline decides": the button then names that, as the placeholder does.
  const resetLabel = field.defaultValue !== "" ? `default ${field.defaultValue}` : field.placeholder;

  return (
    <div className="min-w-0">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-[13px] font-medium text-slate-700">
          {field.label}
        </label>
        <span className="flex items-center gap-3">
          {!auto && resetLabel !== undefined && value.trim() !== field.defaultValue && (
            <button type="button" className="text-[11px] text-slate-500 hover:text-blue-700" onClick={() => onChange(field.name, field.defaultValue)}>
              {resetLabel}
            </button>
          )}
          {canAuto && (
            <label className="flex items-center gap-1.5 text-xs text-slate-600" title={field.autoHelp}>
              <input
                id={`${id}-auto`}
                type="checkbox"
                className="h-3.5 w-3.5 rounded border-slate-300 accent-blue-600"
                checked={auto}
                aria-describedby={`${id}-help`}
                onChange={(event) => {
                  if (event.target.checked) {
                    lastNumber.current = value;
                    onChange(field.name, AUTO);
                  } else {
                    onChange(field.name, lastNumber.current.trim() === "" ? field.defaultValue : lastNumber.current);
                  }
                }}
              />
              auto<span className="sr-only"> {field.label}</span>
            </label>
          )}
        </span>
      </div>
      <div className="relative mt-1">
        {auto && <input type="hidden" name={field.name} value={AUTO} />}
        {field.options ? (
          // A choice (profile, ensemble): a select of its values, each option's help in its title.
          <select
            id={id}
            name={field.name}
            value={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
            onChange={(event) => onChange(field.name, event.target.value)}
            className={`h-9 w-full rounded-md border bg-white px-2 text-sm text-slate-900 shadow-sm outline-none focus:ring-2 ${
              error ? "border-red-400 focus:border-red-500 focus:ring-red-100" : "border-slate-300 focus:border-blue-500 focus:ring-blue-100"
            }`}
          >
            {field.options.map((option) => (
              <option key={option.value} value={option.value} title={option.help}>
                {option.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            name={auto ? undefined : field.name}
            value={auto ? "" : value}
            placeholder={auto ? "auto" : field.placeholder}
            inputMode={field.inputMode}
            autoComplete="off"
            spellCheck={false}
            disabled={auto}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}${warning ? ` ${id}-warning` : ""}`}
            onChange={(event) => onChange(field.name, event.target.value)}
            className={`tabular h-9 w-full rounded-md border bg-white px-2.5 text-sm text-slate-900 shadow-sm outline-none transition-colors placeholder:text-slate-400 focus:ring-2 disabled:bg-slate-50 disabled:text-slate-500 ${
              error ? "border-red-400 focus:border-red-500 focus:ring-red-100" : "border-slate-300 focus:border-blue-500 focus:ring-blue-100"
            } ${field.unit ? "pr-8" : ""}`}
          />
        )}
        {field.unit && <span className="pointer-events-none absolute inset-y-0 right-2.5 flex items-center text-xs text-slate-500">{field.unit}</span>}
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-600">
          {error}
        </p>
      ) : null}
      {warning ? (
        <p id={`${id}-warning`} className="mt-1 text-xs font-medium leading-snug text-amber-800">
          {warning}
        </p>
      ) : null}
      <p id={`${id}-help`} className="mt-1 text-xs leading-snug text-slate-500">
        {help}
        {field.options ? ` ${field.options.find((o) => o.value === value)?.help ?? ""}` : null}
        {note ? ` ${note}` : null}
      </p>
    </div>
  );
}
