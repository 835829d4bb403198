import "server-only";

/**
 * What a request check decides: let the request through, or answer it with `status` and one
 * sentence (sent in the API's JSON error shape by middleware.ts). The checks are pure functions of
 * the request's headers, so the unit tests call them without a server.
 */
export type Verdict = { allowed: true } | { allowed: false; status: number; message: string };

export const ALLOWED: Verdict = { allowed: true };

export const refused = (status: number, message: string): Verdict => ({ allowed: false, status, message });
