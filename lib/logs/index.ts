export * from "./types";
export { extractWindows, extractWindowsFromText, LogExtractor } from "./extract-windows";
export {
  ByteLineSplitter,
  LineSplitter,
  splitLines,
  type ByteLineHandler,
  type LineHandler,
  type LineSplitterOptions,
} from "./line-splitter";
export { looksBinary } from "./looks-binary";
export { SYSLOG_PATTERN, parseLine, scanLine, createLineFields, isWhitespaceCode, type LineFields } from "./parse-line";
export { scanLineBytes, createByteFields, RECORD, NOT_RECORD, NEEDS_TEXT, type ByteFields } from "./parse-bytes";
export { SyslogClock, daysFromCivil } from "./syslog-clock";
export { formatIsoUtc } from "./format-iso-utc";
export {
  WindowAccumulator,
  WindowGrouper,
  FeatureVocabulary,
  computeWindowFeatures,
  tokenEntropy,
  windowStartOf,
} from "./window-features";
export { FAILED_AUTH_PATTERN, INVALID_USER_PATTERN } from "./auth-phrases";
