import { expectedAttackLines, startBruteForce, startPrivilegeAbuse, type EpisodeRunner } from "./episode-attacks";
import { expectedFaultLines, startCrashLoop, startDiskErrors } from "./episode-faults";
import type { HostRole } from "./fleet";
import type { GenContext } from "./line-sink";
import type { Dice } from "./rng";
import { EPISODE_KINDS, type EpisodeKind, type EpisodePlan } from "./types";

export const EPISODE_MIN_MINUTES = 2;
export const EPISODE_MAX_MINUTES = 6;
/** Each episode owns a slot this long at least: its minutes plus clean minutes on both sides. */
export const MIN_SLOT_MINUTES = EPISODE_MAX_MINUTES + 2;

export type EpisodeShape = Pick<EpisodePlan, "kind" | "minutes" | "intensity">;

/** About one episode per 10k lines, but a few even for small logs (none below 2,500 lines). */
export function defaultEpisodeCount(lines: number): number {
  return Math.max(Math.min(4, Math.floor(lines / 2500)), Math.round(lines / 10000));
}

export function expectedEpisodeLines(shape: EpisodeShape): number {
  const perMinute =
    shape.kind === "ssh_brute_force" || shape.kind === "privilege_abuse"
      ? expectedAttackLines(shape.kind, shape.intensity)
      : expectedFaultLines(shape.kind, shape.intensity);
  return perMinute * shape.minutes;
}

/** Kinds come in shuffled rounds of all four, so every kind appears count/4 times (rounded down) or more. */
export function drawEpisodeShapes(count: number, dice: Dice): EpisodeShape[] {
  const shapes: EpisodeShape[] = [];
  let round: EpisodeKind[] = [];
  for (let i = 0; i < count; i++) {
    if (round.length === 0) round = dice.shuffle([...EPISODE_KINDS]);
    shapes.push({
      kind: round.pop() as EpisodeKind,
      minutes: dice.range(EPISODE_MIN_MINUTES, EPISODE_MAX_MINUTES),
      intensity: Math.round((0.1 + 0.9 * dice.float()) * 1000) / 1000,
    });
  }
  return shapes;
}

const PREFERRED_ROLES: Record<EpisodeKind, HostRole[]> = {
  ssh_brute_force: ["bastion", "web", "mail"],
  crash_loop: ["web", "app", "db", "cache", "mail", "bastion"],
  disk_errors: ["db", "app", "web", "cache", "mail", "bastion"],
  privilege_abuse: ["bastion", "db", "app"],
};

function pickHost(kind: EpisodeKind, roles: HostRole[], dice: Dice): number {
  const preferred = roles.flatMap((role, index) => (PREFERRED_ROLES[kind].includes(role) ? [index] : []));
  return preferred.length > 0 ? dice.pick(preferred) : dice.int(roles.length);
}

/**
 * Spreads the episodes over [regionStart, regionEnd) epoch minutes, one per equal slot, with clean
 * minutes around each. Privilege abuse goes to the small hours when its slot has any.
 * Throws a RangeError when a slot would be shorter than MIN_SLOT_MINUTES.
 */
export function placeEpisodes(
  shapes: EpisodeShape[],
  regionStart: number,
  regionEnd: number,
  roles: HostRole[],
  dice: Dice,
): EpisodePlan[] {
  if (shapes.length === 0) return [];
  const slot = Math.floor((regionEnd - regionStart) / shapes.length);
  if (slot < MIN_SLOT_MINUTES) throw new RangeError("episodes do not fit");
  return shapes.map((shape, i) => {
    const first = regionStart + i * slot + 1;
    const last = regionStart + (i + 1) * slot - shape.minutes - 1;
    let startMinute = dice.range(first, last);
    if (shape.kind === "privilege_abuse") {
      const night: number[] = [];
      for (let m = first; m <= last; m++) if (m % 1440 < 300) night.push(m);
      if (night.length > 0) startMinute = dice.pick(night);
    }
    return { ...shape, startMinute, hostIndex: pickHost(shape.kind, roles, dice) };
  });
}

export function startEpisode(ctx: GenContext, plan: EpisodePlan): EpisodeRunner {
  const kind = EPISODE_KINDS.indexOf(plan.kind) + 1;
  switch (plan.kind) {
    case "ssh_brute_force":
      return startBruteForce(ctx, plan, kind);
    case "crash_loop":
      return startCrashLoop(ctx, plan, kind);
    case "disk_errors":
      return startDiskErrors(ctx, plan, kind);
    case "privilege_abuse":
      return startPrivilegeAbuse(ctx, plan, kind);
  }
}
