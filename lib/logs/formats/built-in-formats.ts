import { accessLog } from "./access-log";
import { cri } from "./cri";
import { jsonLines } from "./json-lines";
import { rfc5424 } from "./rfc5424";
import type { FormatDefinition } from "./types";
import { w3c } from "./w3c";

export { syslogVariants } from "./syslog-variants";

/**
 * The structured formats of docs/pipeline.md §1b, by `--format` name: rfc5424, json, cri, access,
 * w3c. `syslog` (§1's byte-level path plus syslogVariants for the lines §1 rejects) and the
 * Loghub/template formats are added by the format registry, which owns their order for detection.
 */
export const BUILT_IN_FORMATS: readonly FormatDefinition[] = [rfc5424, jsonLines, cri, accessLog, w3c];
