/**
 * A Date as the Prisma SQLite adapter stores DateTime columns (ISO 8601, `+00:00` offset, always
 * milliseconds), for raw SQL that writes or compares them: values in this one format order
 * correctly as text.
 */
export function toSqlTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace("Z", "+00:00");
}
