import type { Dice } from "./rng";

export type HostRole = "web" | "app" | "db" | "bastion" | "mail" | "cache";

export interface Host {
  name: string;
  role: HostRole;
  ip: string;
  /** Boot time in Unix seconds, for the kernel's uptime stamps. */
  bootSec: number;
  /** Last pid handed out; Linux hands pids out in increasing order and wraps. */
  lastPid: number;
  /** Long-running daemons keep one pid for the whole log. */
  daemons: Map<string, number>;
  /** systemd-logind session numbers grow per host. */
  sessions: number;
  mac: string;
  /** Last kernel stamp handed out, so that uptimes within a second keep increasing. */
  kernelSec: number;
  kernelMicro: number;
}

export interface User {
  name: string;
  uid: number;
}

// A small fleet reads like a real one when the first few roles are the usual suspects.
const ROLE_ORDER: HostRole[] = ["web", "app", "db", "bastion", "mail", "web", "app", "web", "cache", "app", "db"];
const ROLE_CYCLE: HostRole[] = ["web", "app", "web", "app", "db", "cache", "mail"];

export const OPERATORS: User[] = [
  { name: "alice", uid: 1000 },
  { name: "bob", uid: 1001 },
  { name: "carol", uid: 1002 },
  { name: "dave", uid: 1003 },
  { name: "erin", uid: 1004 },
  { name: "ansible", uid: 1100 },
  { name: "deploy", uid: 1101 },
];

/** Roles depend only on the position in the fleet, so planning needs no random draws. */
export function assignRole(index: number): HostRole {
  return index < ROLE_ORDER.length ? (ROLE_ORDER[index] as HostRole) : (ROLE_CYCLE[index % ROLE_CYCLE.length] as HostRole);
}

export function buildFleet(count: number, dice: Dice, startSec: number): Host[] {
  const perRole = new Map<HostRole, number>();
  const hosts: Host[] = [];
  for (let i = 0; i < count; i++) {
    const role = assignRole(i);
    const n = (perRole.get(role) ?? 0) + 1;
    perRole.set(role, n);
    hosts.push({
      name: `${role}-${n < 10 ? "0" : ""}${n}`,
      role,
      ip: `10.0.${Math.floor(i / 200) + 1}.${(i % 200) + 10}`,
      bootSec: startSec - dice.range(3600, 90 * 86400),
      lastPid: dice.range(2000, 60000),
      daemons: new Map(),
      sessions: dice.range(1, 3000),
      mac: `52:54:00:${dice.hex(2)}:${dice.hex(2)}:${dice.hex(2)}`,
      kernelSec: -1,
      kernelMicro: 0,
    });
  }
  return hosts;
}

/** A fresh pid for a short-lived process (sshd child, cron job, sudo). */
export function spawnPid(host: Host, dice: Dice): number {
  host.lastPid += dice.range(1, 40);
  if (host.lastPid > 4194304) host.lastPid = 300 + dice.int(1000);
  return host.lastPid;
}

/** The pid of a daemon that started at boot, stable for the whole log. */
export function getDaemonPid(host: Host, name: string, dice: Dice): number {
  let pid = host.daemons.get(name);
  if (pid === undefined) {
    pid = dice.range(380, 2400);
    host.daemons.set(name, pid);
  }
  return pid;
}

/** Replaces a daemon's pid after a restart. */
export function restartDaemon(host: Host, name: string, dice: Dice): number {
  const pid = spawnPid(host, dice);
  host.daemons.set(name, pid);
  return pid;
}

/** The `[ 1234.567890]` uptime prefix that the kernel puts before its messages. */
export function formatUptime(host: Host, sec: number, dice: Dice): string {
  if (sec === host.kernelSec) {
    host.kernelMicro = Math.min(999999, host.kernelMicro + dice.range(1, 9000));
  } else {
    host.kernelSec = sec;
    host.kernelMicro = dice.int(600000);
  }
  const up = String(sec - host.bootSec);
  const micro = String(host.kernelMicro).padStart(6, "0");
  return `[${up.length < 5 ? " ".repeat(5 - up.length) : ""}${up}.${micro}]`;
}
