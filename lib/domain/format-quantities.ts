/**
 * How counts and sizes are written for people: the one rule for the CLI's messages, the server's
 * refusals and the dashboard (which imports these through lib/ui/format). No Intl or
 * toLocaleString: the server and the browser must print the same text whatever their locale or
 * ICU build, or a server-rendered page would not hydrate.
 */

/** 12345 -> "12,345"; missing or non-finite -> "—". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  const sign = n < 0 ? "-" : "";
  const whole = Math.round(Math.abs(n)).toString();
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * Powers of 1024, labelled with the IEC units (KiB, MiB, GiB, TiB) so that they are not read as
 * powers of 1000. Binary because the upload limit is one (2 GiB, 2 * 1024³, by default): it prints
 * as the round figure it was set as, on the New run page and in the refusal alike. Every label
 * printed here is one lib/config/byte-size.ts reads back with the same base.
 */
const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB"] as const;

/** Bytes -> "812 B", "1.5 KiB", "52.3 MiB", "2 GiB"; negative or non-finite -> "—". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // Three significant figures or so: one decimal below 100, whole numbers above.
  let shown = value >= 100 ? Math.round(value) : Number(value.toFixed(1));
  // 1023.96 KiB rounds to 1024 KiB, which is 1 MiB.
  if (shown >= 1024 && unit < BYTE_UNITS.length - 1) {
    shown = 1;
    unit++;
  }
  return `${shown} ${BYTE_UNITS[unit]}`;
}
