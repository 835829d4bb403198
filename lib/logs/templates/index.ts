export { TemplateMiner, DEFAULT_TEMPLATE_MINER_OPTIONS } from "./template-miner";
export { groupingAccuracy } from "./grouping-accuracy";
export { createTokenizer, MASK_NAMES, WILDCARD, type MaskName, type Tokenize } from "./mask-variables";
export type {
  TemplateMinerOptions,
  ResolvedTemplateMinerOptions,
  TemplateMatch,
  TemplateSummary,
  TemplateMinerJson,
} from "./types";
export { TEMPLATES_CSV_HEADER, UNPARSED_TEMPLATE, quoteCsvField, formatTemplateRow, formatTemplateRowEnd } from "./format-templates-csv";
