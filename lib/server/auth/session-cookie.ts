import "server-only";

/** The session cookie's name and lifetime, and the attributes it is set with. */
export const SESSION_COOKIE = "logscope_session";

/**
 * Seven days, counted from sign-in and not extended by use: long enough not to interrupt a week of
 * analysis, short enough that a forgotten browser does not stay signed in for good.
 */
export const SESSION_SECONDS = 7 * 24 * 60 * 60;

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  maxAge: number;
}

/**
 * HttpOnly (page scripts cannot read it), SameSite=Lax (other sites' posts do not carry it), Secure
 * when the browser came over https (a plain-http loopback server could not set it otherwise).
 */
export function sessionCookieOptions(secure: boolean, maxAge = SESSION_SECONDS): SessionCookieOptions {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge };
}
