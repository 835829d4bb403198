export * from "./types";
export { extractWindows, extractWindowsFromText, LogExtractor } from "./extract-windows";
export { LineSplitter, splitLines, type LineHandler, type LineSplitterOptions } from "./line-splitter";
export { looksBinary } from "./looks-binary";
export { SYSLOG_PATTERN, parseLine, scanLine, createLineFields, isWhitespaceCode, type LineFields } from "./parse-line";
export { SyslogClock, daysFromCivil } from "./syslog-clock";
export { formatIsoUtc } from "./format-iso-utc";
export {
  WindowAccumulator,
  WindowGrouper,
  computeWindowFeatures,
  tokenEntropy,
  windowStartOf,
  FeatureVocabulary,
} from "./window-features";
export { FAILED_AUTH_PATTERN, INVALID_USER_PATTERN } from "./auth-phrases";
