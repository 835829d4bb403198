/**
 * Sizes written by people: `2147483648`, `500MB`, `2 GiB`, `1.5gb`. KB, MB, GB and TB count
 * powers of 1000; KiB, MiB, GiB and TiB count powers of 1024, the units sizes are printed in
 * (formatBytes), so a size read off a page or a refusal reads back the same. Both are accepted
 * because both are written, and the base is never guessed.
 */

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  tb: 1000 ** 4,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

const WHOLE = /^\d+$/;
const WITH_UNIT = /^(\d+)(?:\.(\d+))?\s*([a-z]+)$/i;

/**
 * The number of bytes `text` names, or undefined when it is not a whole number of bytes or a
 * number with one of the units above. A fractional size with a unit is rounded down to whole
 * bytes (1.5KB is 1500, 0.5KiB is 512). Zero and sizes beyond Number.MAX_SAFE_INTEGER are refused.
 */
export function parseByteSize(text: string): number | undefined {
  const trimmed = text.trim();
  let bytes: number;
  if (WHOLE.test(trimmed)) {
    bytes = Number(trimmed);
  } else {
    const match = WITH_UNIT.exec(trimmed);
    const [, whole, fraction = "", unit] = match ?? [];
    const factor = unit === undefined ? undefined : UNITS[unit.toLowerCase()];
    if (whole === undefined || factor === undefined) return undefined;
    // In integers, so that 2.3KB is 2300 and not 2299 (2.3 * 1000 is 2299.9999999999995).
    const scaled = (BigInt(whole + fraction) * BigInt(factor)) / 10n ** BigInt(fraction.length);
    bytes = scaled > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(scaled);
  }
  return Number.isSafeInteger(bytes) && bytes >= 1 ? bytes : undefined;
}
