/**
 * The format picker's choices: what the server's format registry lists, reduced to a name and a line
 * of description (the page passes them down, so the parsers never reach the browser bundle).
 */

export interface FormatChoice {
  /** As the run's `format` field takes it: `json`, `loghub:HDFS`, a template. */
  name: string;
  description: string;
}

export interface FormatGroup {
  label: string;
  formats: { name: string; label: string }[];
}

export const AUTO_FORMAT = "auto";
export const LOGHUB_PREFIX = "loghub:";

/** Whether a format value is a declared logparser template rather than a name (names have no `<`). */
export const isTemplate = (format: string) => format.includes("<");

/** The registry lists one example template (its name is the template): the picker's placeholder and help. */
export function templateExample(formats: readonly FormatChoice[]): FormatChoice {
  return formats.find((f) => isTemplate(f.name)) ?? { name: "<Date> <Time> <Level>: <Content>", description: "A logparser template" };
}

/** A description's head for an option label: "JSON Lines: one object per line (...)" -> "JSON Lines". */
export function shortDescription(description: string): string {
  const cut = description.search(/[:(]/);
  return (cut > 0 ? description.slice(0, cut) : description).replace(/[\s,]+$/, "");
}

/** Built-ins, then Loghub's presets, each in the registry's order ("auto" and templates have their own options). */
export function groupFormats(formats: readonly FormatChoice[]): FormatGroup[] {
  const builtIn: FormatGroup = { label: "Built-in", formats: [] };
  const loghub: FormatGroup = { label: "Loghub presets", formats: [] };
  for (const f of formats) {
    if (f.name === AUTO_FORMAT || isTemplate(f.name)) continue;
    if (f.name.startsWith(LOGHUB_PREFIX)) loghub.formats.push({ name: f.name, label: f.name.slice(LOGHUB_PREFIX.length) });
    else builtIn.formats.push({ name: f.name, label: `${f.name} — ${shortDescription(f.description)}` });
  }
  return [builtIn, loghub].filter((g) => g.formats.length > 0);
}

/** How a run's format reads in the runs list and the run header: "auto", "json", "Loghub HDFS", a template. */
export function formatLabel(format: string | null | undefined): string {
  if (!format) return AUTO_FORMAT;
  return format.startsWith(LOGHUB_PREFIX) ? `Loghub ${format.slice(LOGHUB_PREFIX.length)}` : format;
}
