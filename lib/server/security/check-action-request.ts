import "server-only";
import { actionRequestHeaders } from "@/lib/server/http/action-headers";
import { checkIncoming } from "./check-incoming";
import { ALLOWED, type Verdict } from "./verdict";

/**
 * checkIncoming for the request a server action answers (a POST): its Host and where it came from.
 * Allowed when the action was called in-process outside any request (actionRequestHeaders).
 */
export async function checkActionRequest(): Promise<Verdict> {
  const headers = await actionRequestHeaders();
  if (headers === null) return ALLOWED;
  return checkIncoming({ method: "POST", headers, protocol: "http:" });
}
