import "server-only";
import { headers } from "next/headers";

/**
 * The headers of the request a server action answers, or null when the action function was called
 * in-process outside any request (the tests and scripts that call app/actions directly: they hold
 * the database already, so there is no visitor to sign in or rate-limit). A browser's or client's
 * call always arrives inside a request scope, so it always has headers here and is checked.
 * Next says "outside a request scope" only by throwing; any other error is thrown on.
 */
export async function actionRequestHeaders(): Promise<Headers | null> {
  try {
    return new Headers(await headers());
  } catch (error) {
    if (error instanceof Error && /outside a request scope/.test(error.message)) return null;
    throw error;
  }
}
