/**
 * An error whose message is written for the analyst: what was wrong and what to do. The CLI prints
 * it without a stack trace; actions and the API return it as their message. Anything else is a bug
 * and is reported generically.
 */
export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserInputError";
  }
}

export function isUserInputError(error: unknown): error is UserInputError {
  return error instanceof UserInputError;
}
