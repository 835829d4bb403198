export {
  DEFAULT_HOSTS, DEFAULT_SEED, DEFAULT_START_ISO, MAX_HOSTS, MAX_LINES, countEpisodesByKind, formatLabelsCsv,
  generateLogs, planGeneration,
} from "./generate-logs";
export { defaultEpisodeCount } from "./episodes";
export { formatIso, parseIsoStart, startOfNextYear, yearOf } from "./clock";
export * from "./types";
