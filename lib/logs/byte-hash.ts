// The hash of byte strings that interners and scanners share. Some hash a key step by step while
// they copy or scan it (message-vocabulary.ts, text-record-interner.ts, message-scan.ts) instead of
// calling hashBytes; a key must hash the same whichever path met it, so the steps are defined here once.

/** FNV-1a, one byte or one 4-byte word per step. */
export const HASH_SEED = 0x811c9dc5 | 0;

export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** Final avalanche (murmur3 fmix32) so that the low bits used as a table index are well mixed. */
export function finishHash(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = hashStep(h, bytes[i]!);
  return finishHash(h);
}
