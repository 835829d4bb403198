import "server-only";
import { actionError, type ActionState } from "@/lib/domain/action-state";
import { toSafeError } from "./service-error";
import { UploadRefusedError } from "@/lib/server/uploads/upload-refused";

/** A form's text fields (files left out). */
export function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === "string") fields[name] = value;
  return fields;
}

/**
 * Runs a server action's work and turns failures into an ActionState: the safe sentence, the
 * per-field messages, never raw database or stack text (those go to the server log).
 */
export async function runAction(context: string, work: () => Promise<ActionState>): Promise<ActionState> {
  try {
    return await work();
  } catch (error) {
    const safe = toSafeError(error, context);
    const errors = { ...safe.errors };
    // A refused upload is about the log file field.
    if (error instanceof UploadRefusedError) errors.logFileId ??= safe.message;
    return actionError(safe.message, errors);
  }
}

/** Asks Next to re-render the run pages; a no-op outside a Next request (tests, scripts). */
export async function revalidateRuns(): Promise<void> {
  try {
    const { revalidatePath } = await import("next/cache");
    revalidatePath("/", "layout");
  } catch {
    // Not inside a Next.js request.
  }
}
