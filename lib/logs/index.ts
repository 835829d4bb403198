export * from "./types";
export { extractWindows, extractWindowsFromText } from "./extract-windows";
export { LogExtractor } from "./log-extractor";
export { timeExtraction, type ExtractionTiming } from "./time-extraction";
export {
  ByteLineSplitter,
  LineSplitter,
  splitLines,
  type ByteLineHandler,
  type LineHandler,
  type LineSplitterOptions,
} from "./line-splitter";
export { looksBinary } from "./looks-binary";
export { SYSLOG_PATTERN, parseLine } from "./parse-line";
export { SyslogClock, daysFromCivil } from "./syslog-clock";
export { formatIsoUtc } from "./format-iso-utc";
export { computeWindowFeatures, computeTokenEntropy, alignWindowStart, type FeatureSetOptions } from "./window-features";
export { FAILED_AUTH_PATTERN, INVALID_USER_PATTERN } from "./auth-phrases";
export { RARE_LINE_FRACTION, RARE_MIN_LINES, rareLineThreshold } from "./template-features";
export { ERROR_KEYWORDS, ERROR_KEYWORD_PATTERN, hasErrorKeyword } from "./error-keywords";
export { resolveFormat, listFormats, isAutoFormat, AUTO_FORMAT, type ResolvedFormat } from "./formats/registry";
export { detectFormat, DETECTION_SAMPLE_LINES, MIN_MATCH_RATE, type Detection } from "./formats/detect-format";
export { inspectLog, inspectLogText, LogInspector, type InspectOptions, type InspectResult } from "./formats/inspect-log";
export { inferYear, RecordClock } from "./formats/record-clock";
export type { FormatOptions, FormatDefinition, FieldOverrides, MaskSpec, RecordFields, Stamp } from "./formats/types";
