/**
 * What every server action of app/actions returns (useActionState): a sentence for the analyst,
 * per-field messages keyed by field name, and the run concerned when there is one.
 */
export interface ActionState {
  ok: boolean;
  message: string;
  errors: Record<string, string>;
  runId?: number;
}

export const INITIAL_ACTION_STATE: ActionState = { ok: false, message: "", errors: {} };
