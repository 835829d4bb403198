"use client";

import { useEffect, useId, useState, type ReactNode } from "react";
import type { LabelSettingKey } from "@/lib/domain/types";
import { checkNumber, formatParamNumber, THRESHOLD_RULES } from "@/lib/ui/url-state";
import { snapToStep, type SliderRange } from "@/lib/ui/threshold-ranges";

interface SliderFieldProps {
  name: LabelSettingKey;
  label: string;
  hint: ReactNode;
  value: number;
  baseValue: number;
  range: SliderRange;
  onChange: (value: number) => void;
  status?: ReactNode;
}

/**
 * A threshold: a range input for quick exploring plus a number box for exact values (and for
 * keyboard and screen-reader users). Typed values outside the slider are fine as long as the API
 * accepts them; invalid text is shown as such and not applied.
 */
export function SliderField({ name, label, hint, value, baseValue, range, onChange, status }: SliderFieldProps) {
  const id = useId();
  const [text, setText] = useState(formatParamNumber(value));
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(formatParamNumber(value));
  }, [value, focused]);
  const valid = checkNumber(Number(text), THRESHOLD_RULES[name]) && text.trim() !== "";
  const changed = value !== baseValue;

  return (
    <div>
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={`${id}-number`} className="flex items-center gap-1.5 text-[13px] font-medium text-slate-700">
          {label}
          {changed && <span className="h-1.5 w-1.5 rounded-full bg-blue-500" title={`changed from ${formatParamNumber(baseValue)}`} />}
        </label>
        <input
          id={`${id}-number`}
          inputMode="decimal"
          value={text}
          aria-invalid={!valid || undefined}
          aria-describedby={`${id}-hint`}
          onFocus={() => setFocused(true)}
          onBlur={() => {
            setFocused(false);
            setText(formatParamNumber(value));
          }}
          onChange={(event) => {
            setText(event.target.value);
            const next = Number(event.target.value);
            if (event.target.value.trim() !== "" && checkNumber(next, THRESHOLD_RULES[name])) onChange(next);
          }}
          className={`tabular h-7 w-20 rounded border bg-white px-2 text-right text-[13px] text-slate-900 outline-none focus:ring-2 ${
            valid ? "border-slate-300 focus:border-blue-500 focus:ring-blue-100" : "border-red-400 focus:ring-red-100"
          }`}
        />
      </div>
      <input
        type="range"
        className="slider mt-2"
        aria-label={`${label} slider`}
        min={range.min}
        max={range.max}
        step={range.step}
        value={Math.min(Math.max(value, range.min), range.max)}
        onChange={(event) => onChange(snapToStep(Number(event.target.value), range))}
      />
      <div id={`${id}-hint`} className="mt-1 flex justify-between gap-2 text-[11px] text-slate-500">
        <span>{hint}</span>
        {status}
      </div>
    </div>
  );
}
