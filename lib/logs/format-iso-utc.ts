/** `YYYY-MM-DDTHH:MM:SSZ` for Unix seconds (fractions are dropped). */
export function formatIsoUtc(unixSeconds: number): string {
  const iso = new Date(Math.floor(unixSeconds) * 1000).toISOString();
  // toISOString always ends in ".sssZ"; the spec's format has no fraction.
  return iso.slice(0, -5) + "Z";
}
