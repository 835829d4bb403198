"use client";

import { Card, CardHeader } from "@/components/ui/card";
import type { ParamName } from "@/lib/ui/param-fields";
import type { FormatChoice } from "./format-choices";
import { FormatOptions } from "./format-options";
import { FormatPicker } from "./format-picker";
import { LogPreview } from "./log-preview";
import type { UploadedLog } from "./upload-dropzone";
import { useLogPreview } from "./use-log-preview";

interface FormatCardProps {
  file: UploadedLog | null;
  formats: readonly FormatChoice[];
  /** The whole form's values: the format fields, and the year (for year-less timestamps; blank = inferred). */
  values: Record<ParamName, string>;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (name: ParamName, value: string) => void;
}

/**
 * Step 2 of New run: how the uploaded log is read, checked on its first lines before anything
 * trains. The preview follows the picker, the options and the year, so a wrong format shows here as
 * a low match rate and unparsed lines rather than as a failed run.
 */
export function FormatCard({ file, formats, values, errors, disabled, onChange }: FormatCardProps) {
  // "Template…" with nothing typed yet has nothing to preview: the request waits for a template.
  const waiting = values.format.trim() === "";
  const preview = useLogPreview(
    file && !waiting
      ? { logFileId: file.logFileId, format: values.format, year: values.year, tz: values.tz, timeFormat: values.timeFormat, fields: values.fields }
      : null,
  );
  return (
    <Card label="Format">
      <CardHeader title="2 · Format" description="How lines become records (time, host, process, level, message), checked on the log's first lines." />
      <fieldset className="grid grid-cols-1 gap-4 px-4 py-4 md:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] md:gap-6" disabled={disabled}>
        <legend className="sr-only">Log format</legend>
        <FormatPicker formats={formats} value={values.format} error={errors.format} disabled={disabled} onChange={(value) => onChange("format", value)} />
        <FormatOptions values={values} errors={errors} disabled={disabled} onChange={onChange} />
      </fieldset>
      <div className="border-t border-slate-100 p-4">
        <LogPreview file={file} state={preview} waiting={waiting} yearGiven={values.year.trim() !== ""} />
      </div>
    </Card>
  );
}
