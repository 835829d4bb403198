export { generateServiceLogs } from "./generate-service-logs";
export * from "./types";
