// HTTP plumbing for bench/security-probe.ts: one request over node:http with every header under the
// caller's control (fetch would add Sec-Fetch-Mode and refuses to forge Host), multipart bodies
// built by hand (to send 150 fields or a cross-site form exactly as a browser would), and the one
// finished run the probe's :id cases need, made the same way on the code before and after #13.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

export interface Answer {
  /** 0 when no answer came (connection refused, reset before any status, timeout). */
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  ms: number;
  /** Why no answer came, when status is 0. */
  failure?: string;
}

export interface Sent {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  timeoutMs?: number;
}

/** The loopback names the probe talks to; anything else is refused before a byte is sent. */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return url.protocol === "http:" && (host === "localhost" || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host));
}

/** Sends one request to `base` and reads the whole answer as text (bodies here are small or refused). */
export function send(base: URL, sent: Sent): Promise<Answer> {
  const started = performance.now();
  const body = typeof sent.body === "string" ? Buffer.from(sent.body) : sent.body;
  const headers: Record<string, string> = { host: base.host, ...sent.headers };
  if (body) headers["content-length"] = String(body.byteLength);
  return new Promise<Answer>((resolve) => {
    let settled = false;
    const finish = (answer: Omit<Answer, "ms">) => {
      if (settled) return;
      settled = true;
      resolve({ ...answer, ms: Math.round(performance.now() - started) });
    };
    const req = httpRequest(
      { host: base.hostname.replace(/^\[|\]$/g, ""), port: base.port || 80, method: sent.method, path: sent.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        const done = () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.on("end", done);
        // A server that answers early (413) and closes while we still write: keep what came.
        res.on("error", done);
        res.on("aborted", done);
      },
    );
    req.setTimeout(sent.timeoutMs ?? 120_000, () => {
      req.destroy(new Error(`no answer within ${sent.timeoutMs ?? 120_000} ms`));
    });
    // EPIPE/ECONNRESET after the answer arrived are the server cutting off a refused body: ignored.
    req.on("error", (error) => finish({ status: 0, headers: {}, body: "", failure: error.message }));
    if (body) {
      req.write(body, () => req.end());
    } else {
      req.end();
    }
  });
}

export type FormPart = { name: string; value: string } | { name: string; filename: string; content: Buffer; type?: string };

/** A multipart/form-data body and its Content-Type, parts in the order given. */
export function multipart(parts: readonly FormPart[]): { body: Buffer; contentType: string } {
  const boundary = `----security-probe-${Math.random().toString(16).slice(2)}`;
  const pieces: Buffer[] = [];
  for (const part of parts) {
    if ("filename" in part) {
      pieces.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.type ?? "application/octet-stream"}\r\n\r\n`,
        ),
        part.content,
        Buffer.from("\r\n"),
      );
    } else {
      pieces.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    }
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(pieces), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function fieldOf(value: unknown, name: string): unknown {
  return value && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
}

/** The `error` sentence of a JSON error body, or null when the body is not that shape. */
export function errorSentence(answer: Answer): string | null {
  const error = fieldOf(jsonOf(answer.body), "error");
  return typeof error === "string" && error.trim() !== "" ? error : null;
}

/** One sentence: a short line of text, no stack frames. */
export function isOneSentence(text: string | null): boolean {
  return text !== null && text.length <= 400 && !text.includes("\n") && !/\bat \S+ \(/.test(text);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POST /api/runs with the log as multipart `file` and the given fields; the new run's id. */
export async function startRun(base: URL, log: Buffer, fields: Record<string, string>): Promise<{ id: number; logFileId: number }> {
  const form = multipart([...Object.entries(fields).map(([name, value]) => ({ name, value })), { name: "file", filename: "Linux_2k.log", content: log, type: "text/plain" }]);
  const answer = await send(base, { method: "POST", path: "/api/runs", headers: { "content-type": form.contentType }, body: form.body });
  const json = jsonOf(answer.body);
  const id = fieldOf(json, "id");
  const logFileId = fieldOf(json, "logFileId");
  if (answer.status !== 201 || typeof id !== "number" || typeof logFileId !== "number") {
    throw new Error(`POST /api/runs answered ${answer.status} ${answer.failure ?? answer.body.slice(0, 300)}`);
  }
  return { id, logFileId };
}

/** POST /api/runs with JSON naming a stored log: a second run of the same log, without a new upload. */
export async function startRunOfStoredLog(base: URL, logFileId: number): Promise<number> {
  const body = JSON.stringify({ logFileId, year: 2005 });
  const answer = await send(base, { method: "POST", path: "/api/runs", headers: { "content-type": "application/json" }, body });
  const id = fieldOf(jsonOf(answer.body), "id");
  if (answer.status !== 201 || typeof id !== "number") throw new Error(`POST /api/runs (JSON) answered ${answer.status} ${answer.body.slice(0, 300)}`);
  return id;
}

/** The run's status from GET /api/runs/:id. */
export async function runStatus(base: URL, id: number): Promise<string> {
  const answer = await send(base, { method: "GET", path: `/api/runs/${id}` });
  const status = fieldOf(jsonOf(answer.body), "status");
  return typeof status === "string" ? status : `unknown (${answer.status})`;
}

/** Polls GET /api/runs/:id until the run has succeeded; throws when it fails or takes over `limitMs`. */
export async function waitForRun(base: URL, id: number, limitMs = 300_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const status = await runStatus(base, id);
    if (status === "succeeded") return;
    if (status === "failed" || status === "cancelled") throw new Error(`run ${id} ${status}`);
    if (Date.now() > deadline) throw new Error(`run ${id} still ${status} after ${limitMs / 1000} s`);
    await sleep(500);
  }
}
