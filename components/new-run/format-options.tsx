"use client";

import { useState } from "react";
import { PARAM_FIELDS, type ParamField, type ParamName } from "@/lib/ui/param-fields";
import { TextField } from "./text-field";

/** The format's options besides its name, each sent under its own field name. */
export const FORMAT_OPTION_NAMES = ["tz", "timeFormat", "fields", "masks"] as const satisfies readonly ParamName[];
type OptionName = (typeof FORMAT_OPTION_NAMES)[number];

const fieldOf = (name: OptionName): ParamField => PARAM_FIELDS.find((f) => f.name === name) as ParamField;

const PLACEHOLDERS: Record<OptionName, string> = {
  tz: "UTC",
  timeFormat: "%d/%m/%Y:%H:%M:%S",
  fields: "time=ts,message=msg",
  masks: "blk_-?\\d+=BLOCK\n\\b[0-9a-f]{32}\\b=HASH",
};

interface FormatOptionsProps {
  values: Record<ParamName, string>;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (name: ParamName, value: string) => void;
}

/**
 * Time zone and time pattern in view (they decide whether the preview's times are right); JSON key
 * overrides and mining masks behind a disclosure, open when one is set or refused. A closed
 * `<details>` still submits its fields.
 */
export function FormatOptions({ values, errors, disabled, onChange }: FormatOptionsProps) {
  const field = (name: OptionName, rows?: number) => (
    <TextField
      field={fieldOf(name)}
      value={values[name]}
      error={errors[name]}
      disabled={disabled}
      placeholder={PLACEHOLDERS[name]}
      rows={rows}
      onChange={onChange}
    />
  );
  // Open at first when a re-run carries overrides, and whenever one is refused; otherwise the
  // analyst's own toggling is left alone (a controlled `open` would snap shut on clearing a field).
  const [openedWithValues] = useState(() => values.fields.trim() !== "" || values.masks.trim() !== "");
  const refused = errors.fields !== undefined || errors.masks !== undefined;
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-1 gap-x-5 gap-y-4 sm:grid-cols-2">
        {field("tz")}
        {field("timeFormat")}
      </div>
      <details open={openedWithValues || refused || undefined} className="group rounded-md border border-slate-200 px-3 py-2">
        <summary className="cursor-pointer text-[13px] font-medium text-slate-700 outline-none focus-visible:ring-2 focus-visible:ring-blue-100">
          JSON fields and masks
        </summary>
        <div className="mt-2 grid grid-cols-1 gap-x-5 gap-y-4 pb-1 sm:grid-cols-2">
          {field("fields", 2)}
          {field("masks", 3)}
        </div>
      </details>
    </div>
  );
}
