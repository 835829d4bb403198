export * from "./types";
export { extractWindows, extractWindowsFromText, LogExtractor } from "./extract-windows";
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
export { computeWindowFeatures, computeTokenEntropy, alignWindowStart } from "./window-features";
export { FAILED_AUTH_PATTERN, INVALID_USER_PATTERN } from "./auth-phrases";
