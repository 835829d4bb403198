"use client";

import type { ParamField, ParamName } from "@/lib/ui/param-fields";

/** The form's input look (param-input.tsx's), red while the field has an error; `size` sets the height. */
export const fieldInputClass = (error: string | undefined, size = "h-9") =>
  `${size} w-full rounded-md border bg-white px-2.5 text-sm text-slate-900 shadow-sm outline-none transition-colors placeholder:text-slate-400 focus:ring-2 disabled:bg-slate-50 disabled:text-slate-500 ${
    error ? "border-red-400 focus:border-red-500 focus:ring-red-100" : "border-slate-300 focus:border-blue-500 focus:ring-blue-100"
  }`;

/** A field's error line, `${id}-error` for aria-describedby. */
export function FieldMessages({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-600">
      {error}
    </p>
  ) : null;
}

interface TextFieldProps {
  field: ParamField;
  value: string;
  error?: string;
  disabled?: boolean;
  placeholder?: string;
  /** Lists entered one entry per line (masks, JSON fields): a textarea of this many rows. */
  rows?: number;
  onChange: (name: ParamName, value: string) => void;
}

/**
 * A text parameter (zone, time pattern, JSON fields, masks) under its own name, with help and error.
 * A one-line input would drop the line breaks of a pasted list, hence the textarea for lists.
 */
export function TextField({ field, value, error, disabled, placeholder, rows, onChange }: TextFieldProps) {
  const id = `param-${field.name}`;
  const common = {
    id,
    name: field.name,
    value,
    placeholder,
    disabled,
    autoComplete: "off",
    spellCheck: false,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": `${id}-help${error ? ` ${id}-error` : ""}`,
  } as const;
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="text-[13px] font-medium text-slate-700">
        {field.label}
      </label>
      {rows !== undefined ? (
        <textarea
          {...common}
          rows={rows}
          onChange={(event) => onChange(field.name, event.target.value)}
          className={`mt-1 block font-mono ${fieldInputClass(error, "py-1.5")}`}
        />
      ) : (
        <input {...common} onChange={(event) => onChange(field.name, event.target.value)} className={`mt-1 font-mono ${fieldInputClass(error)}`} />
      )}
      <FieldMessages id={id} error={error} />
      <p id={`${id}-help`} className="mt-1 text-xs leading-snug text-slate-500">
        {field.help}
      </p>
    </div>
  );
}
