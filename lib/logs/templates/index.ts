export { TemplateMiner, DEFAULT_TEMPLATE_MINER_OPTIONS } from "./template-miner";
export { groupingAccuracy } from "./grouping-accuracy";
export { compileMasks, type ApplyMasks } from "./custom-masks";
export { createTokenizer, MASK_NAMES, WILDCARD, type MaskName, type Tokenize } from "./mask-variables";
export type {
  TemplateMinerOptions,
  ResolvedTemplateMinerOptions,
  TemplateMatch,
  TemplateSummary,
  TemplateMinerJson,
  SavedTemplateMinerOptions,
} from "./types";
export { TEMPLATES_CSV_HEADER, UNPARSED_TEMPLATE, quoteCsvField, formatTemplateRow, formatTemplateRowEnd } from "./format-templates-csv";
