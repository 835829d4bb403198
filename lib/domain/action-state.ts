/**
 * What every server action of app/actions answers through React's useActionState, and what the
 * New run form's POST /api/runs fallback answers too: nothing yet (the initial state), done (a
 * sentence, and the run concerned), or refused (a sentence and per-field messages keyed by field
 * name, shown beside the fields). Here, not in lib/server, because client components read it.
 */
export type ActionState =
  | { status: "idle" }
  | { status: "ok"; message: string; runId?: number }
  | { status: "error"; message: string; errors: Record<string, string> };

/** useActionState's initial state; also what a caller passes as `previous` when it calls an action directly. */
export const IDLE_ACTION: ActionState = { status: "idle" };

export const actionOk = (message: string, runId?: number): ActionState =>
  runId === undefined ? { status: "ok", message } : { status: "ok", message, runId };

export const actionError = (message: string, errors: Record<string, string> = {}): ActionState => ({ status: "error", message, errors });

/** The per-field messages of a refused action; none otherwise. */
export function fieldErrors(state: ActionState): Record<string, string> {
  return state.status === "error" ? state.errors : {};
}
