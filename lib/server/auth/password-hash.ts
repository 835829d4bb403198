import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Passwords are stored as `scrypt$<N>$<r>$<p>$<salt base64>$<key base64>`: a 16-byte random salt
 * per password (equal passwords never share a hash), and the parameters with each hash, so raising
 * them later leaves stored passwords readable.
 *
 * Parameters: N = 2^16, r = 8, p = 2, one of OWASP's listed equivalents of its scrypt minimum
 * (N = 2^17, r = 8, p = 1) with half the memory: 64 MiB and about 0.5 s per hash on this 2-core
 * machine. Node runs scrypt on libuv's 4 threads, so a flood of sign-in attempts holds at most
 * 256 MiB, where the 128 MiB variant would hold 512 MiB on a small server.
 */
export const SCRYPT_PARAMS = { N: 2 ** 16, r: 8, p: 2 } as const;
const KEY_BYTES = 64;
const SALT_BYTES = 16;

/** Bounds on parameters read back from a stored hash: a damaged row must not make one check take minutes or gigabytes. */
const MAX_LOG2_N = 20;
const MAX_R = 16;
const MAX_P = 16;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }, keyBytes: number): Promise<Buffer> {
  // scrypt needs about 128 * N * r bytes; Node's default cap (32 MiB) is below ours.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A new salted scrypt hash of `password`, in the stored form above. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, SCRYPT_PARAMS, KEY_BYTES);
  const { N, r, p } = SCRYPT_PARAMS;
  return ["scrypt", N, r, p, salt.toString("base64"), key.toString("base64")].join("$");
}

interface ParsedHash {
  params: { N: number; r: number; p: number };
  salt: Buffer;
  key: Buffer;
}

/** The parts of a stored hash, or null when it is not one this code wrote. */
export function parsePasswordHash(stored: string): ParsedHash | null {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || rest.length > 0 || salt === undefined || key === undefined) return null;
  const N = Number(n);
  const params = { N, r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(N) && N >= 2 && N <= 2 ** MAX_LOG2_N && (N & (N - 1)) === 0;
  const small = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;
  if (!powerOfTwo || !small(params.r, MAX_R) || !small(params.p, MAX_P)) return null;
  const saltBytes = Buffer.from(salt, "base64");
  const keyBytes = Buffer.from(key, "base64");
  if (saltBytes.length < 8 || keyBytes.length < 16) return null;
  return { params, salt: saltBytes, key: keyBytes };
}

/** Whether `password` matches a stored hash; compared in constant time. An unreadable hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification against a throwaway hash: sign-in calls it for an unknown
 * name, so the answer's timing does not tell which names exist.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword("logscope: no such user");
  await verifyPassword(password, await dummyHash);
  return false;
}
