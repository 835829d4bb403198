import { isIP } from "node:net";
import { resolve } from "node:path";

/**
 * The accepted forms of Logscope's environment variables: one reader per form, each returning the
 * value or BAD. lib/config/env.ts pairs each variable with its form, its default and the sentence
 * naming the form. Like env.ts, imported by prisma.config.ts: nothing under `@/`.
 */

/** What a parser returns for a value not of the accepted form. */
export const BAD: unique symbol = Symbol("bad value");

/**
 * Folder paths, made absolute by loadConfig (at each load, against the working directory of that
 * moment). A URL (DATABASE_URL's form put in the wrong variable) or a control character is refused.
 */
export function folder(text: string): string | typeof BAD {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  return /[\u0000-\u001f\u007f]/.test(text) || /^(file:|[a-z][a-z0-9+.-]+:\/\/)/i.test(text) ? BAD : text;
}

export const absolute = (dir: string | undefined) => (dir === undefined ? undefined : resolve(dir));

/** The file part of a SQLite `file:` URL (query string dropped), or undefined for any other URL. */
export function fileUrlPath(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const path = url.slice("file:".length).split("?")[0] ?? "";
  return path === "" ? undefined : path;
}

/** `postgresql://` and `postgres://` URLs name a PostgreSQL server. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function databaseUrl(text: string): string | typeof BAD {
  if (fileUrlPath(text) !== undefined) return text;
  if (!isPostgresUrl(text)) return BAD;
  try {
    return new URL(text).hostname !== "" || /host=/.test(text) ? text : BAD;
  } catch {
    return BAD;
  }
}

export function redisUrl(text: string): string | typeof BAD {
  try {
    const url = new URL(text);
    return (url.protocol === "redis:" || url.protocol === "rediss:") && url.hostname !== "" ? text : BAD;
  } catch {
    return BAD;
  }
}

/** `dir`, or `s3://bucket` / `s3://bucket/prefix` (a bucket name as S3 allows it). */
export function storage(text: string): { kind: "dir" } | { kind: "s3"; bucket: string; prefix: string } | typeof BAD {
  if (text === "dir") return { kind: "dir" };
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/[A-Za-z0-9!_.*'()/-]*)?$/.exec(text);
  if (!match) return BAD;
  return { kind: "s3", bucket: match[1] ?? "", prefix: (match[2] ?? "").replace(/^\/+|\/+$/g, "") };
}

export function httpUrl(text: string): string | typeof BAD {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? text.replace(/\/+$/, "") : BAD;
  } catch {
    return BAD;
  }
}

export function wholeNumber(min: number, max: number) {
  return (text: string): number | typeof BAD => {
    const value = Number(text);
    return /^\d+$/.test(text) && value >= min && value <= max ? value : BAD;
  };
}

export function flag(text: string): boolean | typeof BAD {
  if (/^(1|on|true|yes)$/i.test(text)) return true;
  if (/^(0|off|false|no)$/i.test(text)) return false;
  return BAD;
}

export const HOST_NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/i;

export function host(text: string): string | typeof BAD {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return isIP(bare) !== 0 || HOST_NAME.test(text) ? text : BAD;
}

/** A host name or IP address with an optional port, as a Host header or an ALLOWED_HOSTS entry writes it. */
export interface HostAndPort {
  /** Lower case, without a final dot; an IPv6 address in brackets, in its shortest form (`[::1]`). */
  name: string;
  /** Undefined when none was written. */
  port: number | undefined;
}

/**
 * `name`, `name:port`, `[v6]` or `[v6]:port` (a bare IPv6 address too, without a port), or
 * undefined for anything else: the one reader of that form, for the Host header check and for
 * ALLOWED_HOSTS, so the two compare names written the same way.
 */
export function parseHostAndPort(text: string): HostAndPort | undefined {
  let name = text.trim().toLowerCase();
  let portText: string | undefined;
  if (isIP(name) === 6) name = `[${name}]`;
  else {
    const match = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(name);
    if (!match) return undefined;
    name = match[1] ?? "";
    portText = match[2];
  }
  // "localhost." is the same name as "localhost" (a fully qualified name ends with the root's dot).
  if (name.endsWith(".") && !name.startsWith("[")) name = name.slice(0, -1);
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (port < 1 || port > 65_535)) return undefined;
  if (name.startsWith("[")) {
    const bare = name.slice(1, -1);
    if (isIP(bare) !== 6) return undefined;
    // The shortest form, the one browsers put in the Host header: "[0:0:0:0:0:0:0:1]" is "[::1]".
    return { name: new URL(`http://${name}/`).hostname, port };
  }
  return isIP(name) === 4 || HOST_NAME.test(name) ? { name, port } : undefined;
}

export function hostList(text: string): HostAndPort[] | typeof BAD {
  const entries = text.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  const parsed = entries.map(parseHostAndPort);
  return parsed.every((entry) => entry !== undefined) ? parsed : BAD;
}

/** Port numbers, comma-separated, each once. */
export function portList(text: string): number[] | typeof BAD {
  const ports = text.split(",").map((p) => p.trim());
  const port = wholeNumber(1, 65_535);
  const values = ports.map(port);
  if (values.some((v) => v === BAD)) return BAD;
  const numbers = values as number[];
  return new Set(numbers).size === numbers.length ? numbers : BAD;
}
