import { startRun } from "@/app/actions/start-run";
import { actionError, actionOk, type ActionState } from "@/lib/domain/action-state";

/**
 * A server action's body is buffered and capped (Next's default 1 MB), and per-line labels can be
 * as large as their log. Forms whose files fit go through the action; larger ones go to
 * POST /api/runs, which streams multipart (same fields, same validation) and answers
 * `{ id }` or `{ error, errors }`.
 */
const ACTION_BODY_BYTES = 900 * 1024;

function attachedBytes(form: FormData): number {
  let total = 0;
  for (const value of form.values()) if (typeof value !== "string") total += value.size;
  return total;
}

async function startRunThroughApi(form: FormData): Promise<ActionState> {
  try {
    const response = await fetch("/api/runs", { method: "POST", body: form });
    const body = (await response.json().catch(() => null)) as { id?: unknown; error?: unknown; errors?: unknown } | null;
    if (response.ok && typeof body?.id === "number") return actionOk(`Run ${body.id} is queued.`, body.id);
    const errors = body?.errors && typeof body.errors === "object" ? (body.errors as Record<string, string>) : {};
    return actionError(typeof body?.error === "string" ? body.error : `The run could not be started (HTTP ${response.status}).`, errors);
  } catch {
    return actionError("The server could not be reached; check the connection and try again.");
  }
}

/** useActionState's action for the New run form. */
export async function startRunFromForm(previous: ActionState, form: FormData): Promise<ActionState> {
  return attachedBytes(form) > ACTION_BODY_BYTES ? startRunThroughApi(form) : startRun(previous, form);
}
