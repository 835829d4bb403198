"use client";

import { useState } from "react";
import { AUTO_FORMAT, groupFormats, isTemplate, templateExample, type FormatChoice } from "./format-choices";
import { fieldInputClass, FieldMessages } from "./text-field";

/** The select's value for "Template…": not a format name (names never start with a dash). */
const TEMPLATE_OPTION = "-template";

interface FormatPickerProps {
  formats: readonly FormatChoice[];
  /** "auto", a format's name or a logparser template: the run's `format` field. */
  value: string;
  error?: string;
  disabled?: boolean;
  onChange: (value: string) => void;
}

/**
 * How the log is read: Auto, a built-in format, a Loghub preset, or "Template…" with a logparser
 * template typed in. The choice goes with the run as the form field `format` (a template as its
 * text); every change is reported at once and the preview debounces.
 */
export function FormatPicker({ formats, value, error, disabled, onChange }: FormatPickerProps) {
  const known = new Set([AUTO_FORMAT, ...formats.map((f) => f.name)]);
  // Template mode is the analyst's choice, kept while the text is still empty.
  const [templateMode, setTemplateMode] = useState(() => isTemplate(value) || (value.trim() !== "" && !known.has(value)));
  const [template, setTemplate] = useState(() => (templateMode ? value : ""));
  const selected = templateMode ? TEMPLATE_OPTION : known.has(value) ? value : AUTO_FORMAT;
  const example = templateExample(formats);
  const description = templateMode
    ? `${example.description}, e.g. ${example.name}`
    : (formats.find((f) => f.name === selected)?.description ?? "Detected from the first lines");
  const helpId = "format-select-help";

  const pick = (next: string) => {
    setTemplateMode(next === TEMPLATE_OPTION);
    onChange(next === TEMPLATE_OPTION ? template : next);
  };

  return (
    <div className="min-w-0 space-y-3">
      <input type="hidden" name="format" value={templateMode ? template : selected} />
      <div>
        <label htmlFor="format-select" className="text-[13px] font-medium text-slate-700">
          Format
        </label>
        <select
          id="format-select"
          value={selected}
          disabled={disabled}
          onChange={(event) => pick(event.target.value)}
          aria-describedby={`${helpId}${error && !templateMode ? " format-select-error" : ""}`}
          aria-invalid={error && !templateMode ? true : undefined}
          className={`mt-1 ${fieldInputClass(templateMode ? undefined : error)}`}
        >
          <option value={AUTO_FORMAT}>Auto-detect</option>
          {groupFormats(formats).map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.formats.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
            </optgroup>
          ))}
          <option value={TEMPLATE_OPTION}>Template…</option>
        </select>
        {!templateMode && <FieldMessages id="format-select" error={error} />}
        <p id={helpId} className="mt-1 text-xs leading-snug text-slate-500">
          {description}.
        </p>
      </div>
      {templateMode && (
        <div>
          <label htmlFor="format-template" className="text-[13px] font-medium text-slate-700">
            Logparser template
          </label>
          <input
            id="format-template"
            value={template}
            placeholder={example.name}
            disabled={disabled}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${helpId}${error ? " format-template-error" : ""}`}
            onChange={(event) => {
              setTemplate(event.target.value);
              onChange(event.target.value);
            }}
            className={`mt-1 font-mono ${fieldInputClass(error)}`}
          />
          <FieldMessages id="format-template" error={error} />
        </div>
      )}
    </div>
  );
}
