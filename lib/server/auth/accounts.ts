import "server-only";
import type { UserRecord } from "@/lib/db/account-types";
import { USER_NAME_PATTERN } from "@/lib/db/account-types";
import { createApiToken } from "@/lib/db/create-api-token";
import { createUser } from "@/lib/db/create-user";
import { DatabaseError } from "@/lib/db/errors";
import { findUserByName } from "@/lib/db/find-user-by-name";
import { revokeUserCredentials } from "@/lib/db/revoke-user-credentials";
import { quoteInput } from "@/lib/domain/quote-input";
import { UserInputError } from "@/lib/domain/user-input-error";
import { hashPassword } from "./password-hash";
import { hashToken, newSecretToken } from "./secret-token";

/** Account management behind `npm run users` (lib/cli/users-command.ts). */

export const MIN_PASSWORD_LENGTH = 12;
/** scrypt takes any length; the cap only keeps one request from hashing megabytes. */
export const MAX_PASSWORD_LENGTH = 1024;

/** The one-sentence refusal of a new password, or null when it is acceptable. */
export function newPasswordProblem(password: string): string | null {
  if (password.length === 0) return "The password is empty; type it on one line of standard input.";
  if ([...password].length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}

export function userNameProblem(name: string): string | null {
  return USER_NAME_PATTERN.test(name) ? null : `${quoteInput(name)} is not a valid user name: use 1 to 64 letters, digits, dots, dashes, underscores or @.`;
}

export async function addUser(name: string, password: string): Promise<UserRecord> {
  const problem = userNameProblem(name) ?? newPasswordProblem(password);
  if (problem) throw new UserInputError(problem);
  try {
    return await createUser(name, await hashPassword(password));
  } catch (error) {
    // A taken name is the caller's to fix: the store's sentence says which.
    if (error instanceof DatabaseError && error.code === "conflict") throw new UserInputError(error.message);
    throw error;
  }
}

async function existingUser(name: string): Promise<UserRecord> {
  const problem = userNameProblem(name);
  if (problem) throw new UserInputError(problem);
  const user = await findUserByName(name);
  if (!user) throw new UserInputError(`There is no user named ${quoteInput(name)}; see them with: npm run users -- list`);
  return user;
}

/** A new API token for the user: the token is shown once, only its hash is kept. */
export async function issueApiToken(name: string): Promise<{ id: number; token: string; user: UserRecord }> {
  const user = await existingUser(name);
  const token = newSecretToken();
  const { id } = await createApiToken(user.id, hashToken(token));
  return { id, token, user };
}

/** Revokes all the user's API tokens and ends their sessions. */
export async function revokeUser(name: string): Promise<{ tokens: number; sessions: number }> {
  const user = await existingUser(name);
  return revokeUserCredentials(user.id);
}
