import "server-only";
import { actionRequestHeaders } from "@/lib/server/http/action-headers";
import { actionError, type ActionState } from "@/lib/domain/action-state";
import { accessVerdict } from "./access-verdict";
import { CLOSED_SENTENCE } from "./auth-policy";
import { AUTH_UNAVAILABLE } from "./authorize-request";

export const SIGN_IN_FIRST_ACTION = "Your sign-in has ended; sign in again and repeat this.";

/**
 * The sign-in check for server actions (app/actions/*): null means go on, otherwise the refused
 * ActionState to return. Needed because a server action is a POST with a body, which
 * middleware.ts's matcher can let skip the middleware; call it first in each action:
 *   const refused = await authorizeAction(); if (refused) return refused;
 */
export async function authorizeAction(): Promise<ActionState | null> {
  const incoming = await actionRequestHeaders();
  // Called in-process, outside any request (see actionRequestHeaders): no visitor to check.
  if (incoming === null) return null;
  const refusal = await accessVerdict(incoming);
  if (refusal === null) return null;
  if (refusal === "closed") return actionError(CLOSED_SENTENCE);
  if (refusal === "unavailable") return actionError(AUTH_UNAVAILABLE);
  return actionError(SIGN_IN_FIRST_ACTION);
}
