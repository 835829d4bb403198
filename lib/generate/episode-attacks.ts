import { OPERATORS, spawnPid, type Host, type User } from "./fleet";
import type { GenContext } from "./line-sink";
import type { EpisodePlan } from "./types";

/** Writes one minute of an episode; `minuteStart` is Unix seconds, `index` counts minutes from 0. */
export interface EpisodeRunner {
  emitMinute(minuteStart: number, index: number): void;
}

const DICTIONARY = [
  "admin", "test", "oracle", "postgres", "ubuntu", "pi", "user", "guest", "ftpuser", "git", "jenkins",
  "hadoop", "nagios", "tomcat", "support", "mysql", "www", "web", "minecraft", "teamspeak", "steam",
  "vagrant", "user1", "test1", "admin123", "odoo", "es", "elastic", "zabbix", "deployer", "sftp", "dev",
];
const ROOT_COMMANDS = [
  "/bin/cat /etc/shadow",
  "/usr/bin/vim /etc/sudoers",
  "/bin/bash",
  "/usr/bin/find / -perm -4000 -type f",
  "/usr/bin/chmod u+s /bin/bash",
  "/usr/bin/crontab -l -u root",
  "/usr/sbin/iptables -F",
  "/usr/bin/passwd root",
  "/usr/bin/systemctl stop auditd",
  "/usr/bin/journalctl --vacuum-time=1s",
  "/usr/bin/tar czf /tmp/.cache.tgz /etc /home /var/backups",
  "/usr/bin/cp /bin/bash /tmp/.sh",
];

export function lerp(lo: number, hi: number, t: number): number {
  return lo + (hi - lo) * t;
}

/** Expected episode lines per minute, so the planner can size the log's time span. */
export function expectedAttackLines(kind: "ssh_brute_force" | "privilege_abuse", intensity: number): number {
  return kind === "ssh_brute_force" ? lerp(1.5, 30, intensity) * 4.3 : lerp(4, 24, intensity) * 2.6;
}

/** `n` random seconds in [minuteStart, minuteStart + span), ascending, so pids grow with time. */
export function drawSortedSeconds(ctx: GenContext, minuteStart: number, n: number, span: number): number[] {
  const secs: number[] = [];
  for (let k = 0; k < n; k++) secs.push(minuteStart + ctx.dice.int(span));
  return secs.sort((x, y) => x - y);
}

/** Spreads `n` events over a minute at a bot-like, slightly jittered spreadOverMinute. */
function spreadOverMinute(minuteStart: number, k: number, n: number, jitter: number): number {
  return minuteStart + Math.min(59, Math.floor(((k + jitter) * 60) / n));
}

/** One IP hammering sshd on one host (sometimes spraying two or three) with root or a dictionary. */
export function startBruteForce(ctx: GenContext, plan: EpisodePlan, kind: number): EpisodeRunner {
  const { dice, sink } = ctx;
  const ip = dice.publicIp();
  const targets: Host[] = [ctx.hosts[plan.hostIndex] as Host];
  if (ctx.hosts.length > 2 && dice.chance(0.3)) {
    for (let extra = dice.range(1, 2); extra > 0; extra--) targets.push(dice.pick(ctx.hosts));
  }
  const rootShare = dice.pick([0.05, 0.4, 0.9]);
  const perMinute = lerp(1.5, 30, plan.intensity);

  function attempt(sec: number): void {
    const host = dice.pick(targets);
    const sshd = `sshd[${spawnPid(host, dice)}]`;
    const port = dice.port();
    if (dice.chance(rootShare)) {
      sink.emit(sec, host, sshd, `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=root`, kind);
      sink.emit(sec + 2, host, sshd, `Failed password for root from ${ip} port ${port} ssh2`, kind);
      if (dice.chance(0.15)) {
        sink.emit(sec + 4, host, sshd, `error: maximum authentication attempts exceeded for root from ${ip} port ${port} ssh2 [preauth]`, kind);
        sink.emit(sec + 4, host, sshd, `Disconnecting authenticating user root ${ip} port ${port}: Too many authentication failures [preauth]`, kind);
        sink.emit(sec + 4, host, sshd, `PAM ${dice.range(2, 5)} more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=root`, kind);
      } else {
        sink.emit(sec + 2, host, sshd, `Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`, kind);
      }
      return;
    }
    const user = dice.pick(DICTIONARY);
    sink.emit(sec, host, sshd, `Invalid user ${user} from ${ip} port ${port}`, kind);
    sink.emit(sec, host, sshd, "pam_unix(sshd:auth): check pass; user unknown", kind);
    sink.emit(sec, host, sshd, `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}`, kind);
    sink.emit(sec + 2, host, sshd, `Failed password for invalid user ${user} from ${ip} port ${port} ssh2`, kind);
    sink.emit(sec + 2, host, sshd, dice.chance(0.5)
      ? `Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`
      : `Connection closed by invalid user ${user} ${ip} port ${port} [preauth]`, kind);
  }

  return {
    emitMinute(minuteStart) {
      const n = Math.max(1, dice.poisson(perMinute * lerp(0.7, 1.3, dice.float())));
      for (let k = 0; k < n; k++) attempt(spreadOverMinute(minuteStart, k, n, dice.float()));
    },
  };
}

/**
 * Someone working their way to root: an unprivileged account failing sudo and su, or a hijacked
 * operator account running commands no operator runs. Planned preferably at night.
 */
export function startPrivilegeAbuse(ctx: GenContext, plan: EpisodePlan, kind: number): EpisodeRunner {
  const { dice, sink } = ctx;
  const host = ctx.hosts[plan.hostIndex] as Host;
  const hijacked = dice.chance(0.4);
  const actor: User = hijacked
    ? dice.pick(OPERATORS.filter((u) => u.name !== "ansible"))
    : dice.pick([{ name: "intern", uid: 1205 }, { name: "contractor", uid: 1210 }, { name: "jsmith", uid: 1187 }]);
  const tty = `pts/${dice.range(1, 9)}`;
  const home = `/home/${actor.name}`;
  const pad = " ".repeat(Math.max(1, 8 - actor.name.length));
  const perMinute = lerp(4, 24, plan.intensity);
  const backdoor = dice.pick(["sysupd", "backup2", "nscd", "svc-mon"]);

  function sudoFailure(sec: number): void {
    sink.emit(sec, host, "sudo", `pam_unix(sudo:auth): authentication failure; logname=${actor.name} uid=${actor.uid} euid=0 tty=/dev/${tty} ruser=${actor.name} rhost=  user=${actor.name}`, kind);
    if (dice.chance(0.5)) {
      sink.emit(sec + 6, host, "sudo", `${pad}${actor.name} : ${dice.range(2, 3)} incorrect password attempts ; TTY=${tty} ; PWD=${home} ; USER=root ; COMMAND=${dice.pick(ROOT_COMMANDS)}`, kind);
    }
  }

  function action(sec: number): void {
    const roll = dice.float();
    if (!hijacked && roll < 0.35) {
      sink.emit(sec, host, "sudo", `${pad}${actor.name} : user NOT in sudoers ; TTY=${tty} ; PWD=${home} ; USER=root ; COMMAND=${dice.pick(ROOT_COMMANDS)}`, kind);
    } else if (roll < 0.6) {
      const su = `su[${spawnPid(host, dice)}]`;
      sink.emit(sec, host, su, `pam_unix(su:auth): authentication failure; logname=${actor.name} uid=${actor.uid} euid=0 tty=${tty} ruser=${actor.name} rhost=  user=root`, kind);
      sink.emit(sec + 2, host, su, `FAILED SU (to root) ${actor.name} on ${tty}`, kind);
    } else if (!hijacked || roll < 0.7) {
      sudoFailure(sec);
    } else {
      const command = dice.chance(0.2) ? `/usr/sbin/useradd -o -u 0 -g 0 -M -d /root -s /bin/bash ${backdoor}` : dice.pick(ROOT_COMMANDS);
      sink.emit(sec, host, "sudo", `${pad}${actor.name} : TTY=${tty} ; PWD=/tmp ; USER=root ; COMMAND=${command}`, kind);
      sink.emit(sec, host, "sudo", `pam_unix(sudo:session): session opened for user root by ${actor.name}(uid=0)`, kind);
      if (command.includes("useradd")) {
        sink.emit(sec, host, `useradd[${spawnPid(host, dice)}]`, `new user: name=${backdoor}, UID=0, GID=0, home=/root, shell=/bin/bash, from=/dev/${tty}`, kind);
      } else if (command.includes("passwd")) {
        sink.emit(sec + 5, host, `passwd[${spawnPid(host, dice)}]`, "pam_unix(passwd:chauthtok): password changed for root", kind);
      }
      sink.emit(sec + dice.range(0, 8), host, "sudo", "pam_unix(sudo:session): session closed for user root", kind);
    }
  }

  return {
    emitMinute(minuteStart) {
      const n = Math.max(1, dice.poisson(perMinute * lerp(0.6, 1.4, dice.float())));
      for (const sec of drawSortedSeconds(ctx, minuteStart, n, 52)) action(sec);
    },
  };
}
