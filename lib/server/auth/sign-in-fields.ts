import "server-only";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "./accounts";

/** The sign-in form's fields; `next` is where to go afterwards (checked by safeNextPath). */
export const signInFieldsSchema = z.object({
  name: z.string().trim().min(1, "Type your user name.").max(64, "User names have at most 64 characters."),
  password: z.string().min(1, "Type your password.").max(MAX_PASSWORD_LENGTH, `Passwords have at most ${MAX_PASSWORD_LENGTH} characters.`),
  next: z.string().max(2000).optional(),
});

export type SignInFields = z.infer<typeof signInFieldsSchema>;

/** Per-field messages of a refused form, keyed by field name (the first message of each). */
export function signInFieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}
