export { countEpisodesByKind, formatLabelsCsv, generateLogs } from "./generate-logs";
export { DEFAULT_HOSTS, DEFAULT_SEED, DEFAULT_START_ISO, MAX_HOSTS, MAX_LINES, planGeneration } from "./plan-generation";
export { defaultEpisodeCount } from "./episodes";
export { formatIso, parseIsoStart, startOfNextYear, yearOf } from "./clock";
export * from "./types";
