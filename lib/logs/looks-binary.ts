/** How much of the sample is inspected; the start of a file is enough to tell. */
const SAMPLE_BYTES = 8192;
// Text files hold almost no control bytes; allow a little for stray escapes and form feeds.
const MAX_CONTROL_FRACTION = 0.1;

function isTextControl(b: number): boolean {
  // tab, newline, vertical tab, form feed, carriage return, escape (ANSI colours in logs)
  return b === 9 || b === 10 || b === 11 || b === 12 || b === 13 || b === 27;
}

/**
 * True when the first bytes look like a binary file (a NUL byte, or many control bytes), so a caller
 * can refuse it with a clear message instead of reporting every line as unparsed. Bytes >= 0x80
 * count as text: they may be UTF-8 or latin-1.
 */
export function looksBinary(sample: Uint8Array): boolean {
  const n = Math.min(sample.length, SAMPLE_BYTES);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = sample[i] ?? 0;
    if (b === 0) return true;
    if ((b < 32 && !isTextControl(b)) || b === 127) control++;
  }
  return control / n > MAX_CONTROL_FRACTION;
}
