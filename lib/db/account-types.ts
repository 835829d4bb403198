/** Accounts (issue #13): plain objects handed out by the user, token and session functions. */

export interface UserRecord {
  id: number;
  name: string;
  createdAt: Date;
}

/** A user with what sign-in needs to check a password. Never leaves the server. */
export interface UserWithPassword extends UserRecord {
  passwordHash: string;
}

/** `npm run users -- list`: a user and their API tokens. */
export interface UserSummary extends UserRecord {
  activeTokens: number;
  revokedTokens: number;
  /** When any of the user's tokens was last accepted (to the minute), or null. */
  tokenLastUsedAt: Date | null;
}

/** The signed-in user a credential belongs to. */
export interface Principal {
  userId: number;
  name: string;
}

/** Names: 1 to 64 letters, digits and . _ @ -, so they print and type unambiguously. */
export const USER_NAME_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;
