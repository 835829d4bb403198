import "server-only";
import { config } from "@/lib/config/env";
import {
  fileSourceConfigSchema,
  syslogSourceConfigSchema,
  type StreamSource,
  type StreamSourceConfig,
} from "@/lib/domain/stream-types";
import { resolveStreamFile } from "@/lib/live/stream-file-path";
import { ServiceError } from "@/lib/server/http/service-error";

/**
 * A new stream's source settings, checked against the server's allow-lists (docs/live.md): a signed-in
 * user may make the server listen only on a port of LOGSCOPE_SYSLOG_PORTS and read only files under
 * LOGSCOPE_STREAM_FILES_DIR. A port outside the list is 403 (the request is well formed; the
 * server does not permit it); malformed settings, and a file the file source refuses
 * (lib/live/stream-file-path.ts: outside the folder, missing, not a file), are 400; each one sentence.
 */
export async function checkSourceConfig(source: StreamSource, raw: unknown): Promise<StreamSourceConfig> {
  if (source === "http") {
    if (raw !== undefined && raw !== null) throw invalid("An http stream takes no config: leave config out.");
    return null;
  }
  if (source === "syslog") {
    const parsed = syslogSourceConfigSchema.safeParse(raw);
    if (!parsed.success) {
      throw invalid('A syslog stream needs config {"protocol": "tcp" or "udp", "port": a port number from 1 to 65535, "host"?: the address to listen on}.');
    }
    const allowed = config().streams.syslogPorts;
    if (!allowed.includes(parsed.data.port)) {
      throw new ServiceError(
        403,
        allowed.length === 0
          ? "No port is open to syslog streams on this server: list the allowed ports in LOGSCOPE_SYSLOG_PORTS (such as 5514)."
          : `Port ${parsed.data.port} is not open to syslog streams on this server: use ${listed(allowed)} (LOGSCOPE_SYSLOG_PORTS).`,
      );
    }
    return parsed.data;
  }
  const parsed = fileSourceConfigSchema.safeParse(raw);
  if (!parsed.success) throw invalid('A file stream needs config {"path": the file to follow, under the server\'s LOGSCOPE_STREAM_FILES_DIR}.');
  // The file source's own check (symlinks and .. resolved, the file readable): one rule for both.
  return { path: await resolveStreamFile(parsed.data.path) };
}

const invalid = (sentence: string) => new ServiceError(400, sentence, { config: sentence });

const listed = (ports: readonly number[]) =>
  ports.length === 1 ? `port ${ports[0]}` : `one of ports ${ports.slice(0, -1).join(", ")} or ${ports[ports.length - 1]}`;
