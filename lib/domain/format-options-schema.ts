import { z } from "zod";

/**
 * The fields of a log's format options besides its name (docs/pipeline.md §1b): the one list,
 * shared by the stored run (lib/db/stored-json.ts, strict: unknown keys there are damage) and the
 * saved model's meta.json (lib/pipeline/detector-models.ts, lenient: older files may carry more).
 * `object` is z.strictObject or z.object and applies to the nested objects too.
 */
export function formatOptionsShape(object: typeof z.object | typeof z.strictObject) {
  return {
    tz: z.string().optional(),
    fields: object({
      time: z.string().optional(),
      host: z.string().optional(),
      process: z.string().optional(),
      level: z.string().optional(),
      message: z.string().optional(),
    }).optional(),
    masks: z.array(object({ pattern: z.string(), name: z.string().optional() })).optional(),
    timeFormat: z.string().optional(),
  };
}
