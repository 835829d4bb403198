import "server-only";
import { actionRequestHeaders } from "@/lib/server/http/action-headers";
import { checkActionRequest } from "@/lib/server/security/check-action-request";
import { actionError, type ActionState } from "@/lib/domain/action-state";
import { accessVerdict } from "./access-verdict";
import { CLOSED_SENTENCE } from "./auth-policy";
import { AUTH_UNAVAILABLE } from "./authorize-request";

export const SIGN_IN_FIRST_ACTION = "Your sign-in has ended; sign in again and repeat this.";

/**
 * The checks of middleware.ts (Host, cross-site) and then sign-in, for server actions
 * (app/actions/*): null means go on, otherwise the refused ActionState to return. Needed because a
 * server action is a POST with a body, which middleware.ts's matcher lets skip the middleware;
 * call it first in each action:
 *   const refused = await authorizeAction(); if (refused) return refused;
 */
export async function authorizeAction(): Promise<ActionState | null> {
  const checked = await checkActionRequest();
  if (!checked.allowed) return actionError(checked.message);
  const incoming = await actionRequestHeaders();
  // Called in-process, outside any request (see actionRequestHeaders): no visitor to check.
  if (incoming === null) return null;
  const refusal = await accessVerdict(incoming);
  if (refusal === null) return null;
  if (refusal === "closed") return actionError(CLOSED_SENTENCE);
  if (refusal === "unavailable") return actionError(AUTH_UNAVAILABLE);
  return actionError(SIGN_IN_FIRST_ACTION);
}
