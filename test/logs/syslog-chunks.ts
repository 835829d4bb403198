/**
 * A year-less classic syslog log for extraction tests, as chunks of bytes: `count` lines from
 * Mar 1 00:00:00, `perSecond` lines a second, `perChunk` lines a chunk. `line(i)` gives what follows
 * the stamp (host, process and message), and is called once per line, in order.
 */
export function syslogChunks(count: number, perSecond: number, perChunk: number, line: (i: number) => string): Uint8Array[] {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let lines: string[] = [];
  const two = (n: number) => String(n).padStart(2, "0");
  for (let i = 0; i < count; i++) {
    const t = Math.floor(i / perSecond);
    lines.push(`Mar  ${1 + Math.floor(t / 86_400)} ${two(Math.floor(t / 3600) % 24)}:${two(Math.floor(t / 60) % 60)}:${two(t % 60)} ${line(i)}`);
    if (lines.length === perChunk) {
      chunks.push(encoder.encode(`${lines.join("\n")}\n`));
      lines = [];
    }
  }
  if (lines.length > 0) chunks.push(encoder.encode(`${lines.join("\n")}\n`));
  return chunks;
}
