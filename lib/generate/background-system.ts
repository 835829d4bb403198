import { OPERATORS, getDaemonPid, formatUptime, spawnPid, type Host } from "./fleet";
import type { GenContext } from "./line-sink";

/** One kind of routine event: `lines` is its average line count, used to size the time span. */
export interface Family {
  lines: number;
  emit: (ctx: GenContext, host: Host, sec: number) => void;
}

const PROBE_USERS = ["admin", "test", "user", "oracle", "ubuntu", "pi", "guest", "support", "git", "ftpuser"];
const SUDO_COMMANDS = [
  "/usr/bin/systemctl status nginx",
  "/usr/bin/journalctl -u app-worker --since today",
  "/usr/bin/apt-get update",
  "/usr/bin/tail -n 200 /var/log/nginx/error.log",
  "/usr/bin/systemctl restart app-worker",
  "/usr/bin/docker ps -a",
  "/bin/cat /etc/nginx/sites-enabled/default",
  "/usr/bin/du -sh /var/lib/postgresql",
  "/usr/bin/lsof -i :443",
  "/usr/sbin/ufw status verbose",
];
const TIMERS: [string, string][] = [
  ["Daily apt download activities", "apt-daily.service"],
  ["Cleanup of Temporary Directories", "systemd-tmpfiles-clean.service"],
  ["Message of the Day", "motd-news.service"],
  ["Refresh fwupd metadata and update motd", "fwupd-refresh.service"],
  ["Clean php session files", "phpsessionclean.service"],
  ["Certbot", "certbot.service"],
  ["Discard unused blocks on filesystems from /etc/fstab", "fstrim.service"],
  ["Daily apt upgrade and clean activities", "apt-daily-upgrade.service"],
];
const BLOCKED_PORTS = [23, 22, 3389, 445, 8080, 5900, 6379, 1433, 2323, 8443, 5060, 9200];

function getKeyFingerprint(ctx: GenContext, user: string): string {
  const key = `fp:${user}`;
  let fp = ctx.memo.get(key);
  if (fp === undefined) {
    fp = "";
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (let i = 0; i < 43; i++) fp += alphabet[ctx.dice.int(64)];
    ctx.memo.set(key, fp);
  }
  return fp;
}

/** An operator logs in with a key, works a while, logs out. */
export const sshSession: Family = {
  lines: 8,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const user = dice.pick(OPERATORS);
    const sshd = `sshd[${spawnPid(host, dice)}]`;
    const logind = `systemd-logind[${getDaemonPid(host, "logind", dice)}]`;
    const from = dice.internalIp();
    const port = dice.port();
    const session = ++host.sessions;
    const key = `RSA SHA256:${getKeyFingerprint(ctx, user.name)}`;
    sink.emit(sec, host, sshd, `Accepted publickey for ${user.name} from ${from} port ${port} ssh2: ${key}`);
    sink.emit(sec, host, sshd, `pam_unix(sshd:session): session opened for user ${user.name} by (uid=0)`);
    sink.emit(sec, host, logind, `New session ${session} of user ${user.name}.`);
    sink.emit(sec + 1, host, "systemd[1]", `Started Session ${session} of user ${user.name}.`);
    const end = sec + dice.range(15, 5400);
    sink.emit(end, host, sshd, `Received disconnect from ${from} port ${port}:11: disconnected by user`);
    sink.emit(end, host, sshd, `Disconnected from user ${user.name} ${from} port ${port}`);
    sink.emit(end, host, sshd, `pam_unix(sshd:session): session closed for user ${user.name}`);
    sink.emit(end, host, logind, `Removed session ${session}.`);
  },
};

/** Internet background noise on exposed hosts: scanners and lone password guesses. */
export const sshProbe: Family = {
  lines: 2.2,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const sshd = `sshd[${spawnPid(host, dice)}]`;
    const ip = dice.publicIp();
    const port = dice.port();
    const roll = dice.float();
    if (roll < 0.35) {
      sink.emit(sec, host, sshd, `Connection closed by ${ip} port ${port} [preauth]`);
    } else if (roll < 0.5) {
      sink.emit(sec, host, sshd, `Did not receive identification string from ${ip} port ${port}`);
    } else if (roll < 0.65) {
      sink.emit(sec, host, sshd, "error: kex_exchange_identification: Connection closed by remote host");
      sink.emit(sec, host, sshd, `Connection closed by ${ip} port ${port}`);
    } else if (roll < 0.85) {
      const user = dice.pick(PROBE_USERS);
      sink.emit(sec, host, sshd, `Invalid user ${user} from ${ip} port ${port}`);
      sink.emit(sec + 1, host, sshd, "pam_unix(sshd:auth): check pass; user unknown");
      sink.emit(sec + 1, host, sshd, `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}`);
      sink.emit(sec + 3, host, sshd, `Failed password for invalid user ${user} from ${ip} port ${port} ssh2`);
      sink.emit(sec + 4, host, sshd, `Connection closed by invalid user ${user} ${ip} port ${port} [preauth]`);
    } else {
      sink.emit(sec, host, sshd, `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=root`);
      sink.emit(sec + 2, host, sshd, `Failed password for root from ${ip} port ${port} ssh2`);
      sink.emit(sec + 2, host, sshd, `Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`);
    }
  },
};

/** An operator runs an admin command; now and then mistypes the password first. */
export const sudoRoutine: Family = {
  lines: 3.1,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const user = dice.pick(OPERATORS);
    const tty = `pts/${dice.int(4)}`;
    if (user.name === "ansible") {
      const tmp = `ansible-tmp-${sec}.${dice.range(100000, 999999)}-${dice.range(1000, 99999)}-${dice.range(1e13, 3e14)}`;
      const ansibleModule = dice.pick(["apt", "copy", "systemd", "stat", "file", "setup", "lineinfile"]);
      sink.emit(sec, host, "sudo", `  ansible : PWD=/home/ansible ; USER=root ; COMMAND=/bin/sh -c echo BECOME-SUCCESS-${dice.hex(32)} ; /usr/bin/python3 /home/ansible/.ansible/tmp/${tmp}/AnsiballZ_${ansibleModule}.py`);
    } else {
      if (dice.chance(0.06)) {
        sink.emit(sec - 4, host, "sudo", `pam_unix(sudo:auth): authentication failure; logname=${user.name} uid=${user.uid} euid=0 tty=/dev/${tty} ruser=${user.name} rhost=  user=${user.name}`);
      }
      const pad = " ".repeat(Math.max(1, 8 - user.name.length));
      sink.emit(sec, host, "sudo", `${pad}${user.name} : TTY=${tty} ; PWD=/home/${user.name} ; USER=root ; COMMAND=${dice.pick(SUDO_COMMANDS)}`);
    }
    sink.emit(sec, host, "sudo", `pam_unix(sudo:session): session opened for user root by ${user.name}(uid=0)`);
    sink.emit(sec + dice.range(0, 40), host, "sudo", "pam_unix(sudo:session): session closed for user root");
  },
};

/** Database chores run as the postgres user. */
export const suRoutine: Family = {
  lines: 3,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const user = dice.pick(OPERATORS);
    const target = host.role === "db" ? "postgres" : dice.pick(["www-data", "backup", "postgres"]);
    const su = `su[${spawnPid(host, dice)}]`;
    sink.emit(sec, host, su, `(to ${target}) ${user.name} on pts/${dice.int(4)}`);
    sink.emit(sec, host, su, `pam_unix(su-l:session): session opened for user ${target} by ${user.name}(uid=0)`);
    sink.emit(sec + dice.range(5, 900), host, su, `pam_unix(su-l:session): session closed for user ${target}`);
  },
};

export const systemdTimer: Family = {
  lines: 3,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const [description, unit] = dice.pick(TIMERS);
    sink.emit(sec, host, "systemd[1]", `Starting ${description}...`);
    const done = sec + dice.range(0, 20);
    sink.emit(done, host, "systemd[1]", `${unit}: Succeeded.`);
    sink.emit(done, host, "systemd[1]", `Finished ${description}.`);
  },
};

export const firewallBlock: Family = {
  lines: 1,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const proto = dice.chance(0.85) ? "TCP" : "UDP";
    const tail = proto === "TCP" ? ` WINDOW=${dice.pick([1024, 29200, 65535, 14600])} RES=0x00 SYN URGP=0` : ` LEN=${dice.range(8, 120)}`;
    sink.emit(sec, host, "kernel", `${formatUptime(host, sec, dice)} [UFW BLOCK] IN=eth0 OUT= MAC=${host.mac}:fe:ff:ff:ff:ff:ff:08:00 SRC=${dice.publicIp()} DST=${host.ip} LEN=${dice.range(40, 60)} TOS=0x00 PREC=0x00 TTL=${dice.range(38, 250)} ID=${dice.int(65536)} ${proto === "TCP" ? "" : "DF "}PROTO=${proto} SPT=${dice.port()} DPT=${dice.pick(BLOCKED_PORTS)}${tail}`);
  },
};

export const kernelChatter: Family = {
  lines: 1,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const roll = dice.int(5);
    const message =
      roll === 0
        ? `perf: interrupt took too long (${dice.range(2501, 4000)} > 2500), lowering kernel.perf_event_max_sample_rate to ${dice.range(40, 79) * 1000 + 750}`
        : roll === 1
          ? `audit: type=1400 audit(${sec}.${dice.range(100, 999)}:${dice.range(20, 900)}): apparmor="DENIED" operation="open" profile="/usr/sbin/ntpd" name="/proc/${dice.range(300, 9000)}/net/if_inet6" pid=${getDaemonPid(host, "ntpd", dice)} comm="ntpd" requested_mask="r" denied_mask="r" fsuid=0 ouid=0`
          : roll === 2
            ? `TCP: request_sock_TCP: Possible SYN flooding on port ${dice.pick([80, 443, 22])}. Sending cookies.  Check SNMP counters.`
            : roll === 3
              ? `IPv4: martian source ${host.ip} from ${dice.internalIp()}, on dev eth0`
              : `EXT4-fs (${dice.pick(["sda1", "vda1", "nvme0n1p1"])}): re-mounted. Opts: errors=remount-ro`;
    sink.emit(sec, host, "kernel", `${formatUptime(host, sec, dice)} ${message}`);
  },
};

export const ntpdChatter: Family = {
  lines: 1,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const ntpd = `ntpd[${getDaemonPid(host, "ntpd", dice)}]`;
    const server = dice.publicIp();
    const roll = dice.int(4);
    const message =
      roll === 0
        ? `Soliciting pool server ${server}`
        : roll === 1
          ? `${server} local addr ${host.ip} -> <null>`
          : roll === 2
            ? `receive: Unexpected origin timestamp 0x${dice.hex(8)}.${dice.hex(8)} does not match aorg 0000000000.00000000 from server@${server} xmt 0x${dice.hex(8)}.${dice.hex(8)}`
            : `adjusting local clock by ${dice.chance(0.5) ? "-" : ""}0.${String(dice.int(100000)).padStart(6, "0")}s`;
    sink.emit(sec, host, ntpd, message);
  },
};

export const dhcpRenewal: Family = {
  lines: 3,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const dhclient = `dhclient[${getDaemonPid(host, "dhclient", dice)}]`;
    const xid = `0x${dice.hex(8)}`;
    sink.emit(sec, host, dhclient, `DHCPREQUEST for ${host.ip} on eth0 to 10.0.0.1 port 67 (xid=${xid})`);
    sink.emit(sec, host, dhclient, `DHCPACK of ${host.ip} from 10.0.0.1 (xid=${xid})`);
    sink.emit(sec, host, dhclient, `bound to ${host.ip} -- renewal in ${dice.range(1200, 1800)} seconds.`);
  },
};
