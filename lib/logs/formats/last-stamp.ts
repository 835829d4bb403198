import type { Stamp } from "./types";

/**
 * A record's stamp field read through `read` (parseTimestamp, or a format's version of it), with
 * the last field's text and stamp remembered: records come in time order, often several a second,
 * so a field is usually the one before it, and comparing it with that one costs far less than
 * scanning it. `read` must be pure, a function of the text alone: the stamp is shared by the
 * records whose field reads the same (stamps are never mutated).
 *
 * Measured on bench-formats' access and w3c rows (about 5 records a second, 4 in 5 repeating the
 * last field): a scan cost ~120-170 ns a record; the comparison ~25 ns with `===` on the sliced
 * field, ~45 ns with `startsWith` on the line (no slice), ~45 ns with a charCode loop.
 */
export class LastStamp {
  private text: string | null = null;
  private stamp: Stamp | null = null;
  private readonly read: (text: string) => Stamp | null;

  constructor(read: (text: string) => Stamp | null) {
    this.read = read;
  }

  /** `read(text)`. */
  of(text: string): Stamp | null {
    if (text === this.text) return this.stamp;
    const stamp = this.read(text);
    this.text = text;
    this.stamp = stamp;
    return stamp;
  }
}
