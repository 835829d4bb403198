import { getDaemonPid, formatUptime, restartDaemon, spawnPid, type Host, type HostRole } from "./fleet";
import type { GenContext } from "./line-sink";
import { lerp, drawSortedSeconds, type EpisodeRunner } from "./episode-attacks";
import type { EpisodePlan } from "./types";

interface Service {
  unit: string;
  description: string;
  binary: string;
  library: string;
  uid: number;
  /** What the service itself says when it comes up (may be empty). */
  banner: string[];
}

const SERVICES: Record<HostRole, Service> = {
  web: { unit: "nginx.service", description: "A high performance web server and a reverse proxy server", binary: "nginx", library: "nginx", uid: 33, banner: [] },
  app: { unit: "shop.service", description: "Gunicorn instance serving shop", binary: "python3.10", library: "libpython3.10.so.1.0", uid: 1500, banner: ["Starting gunicorn 21.2.0", "Listening at: unix:/run/shop.sock", "Using worker: sync"] },
  db: { unit: "pgbouncer.service", description: "connection pooler for PostgreSQL", binary: "pgbouncer", library: "libc.so.6", uid: 113, banner: ["kernel file descriptor limit: 1024 (hard: 524288); max_client_conn: 500, max expected fd use: 552", "listening on 127.0.0.1:6432"] },
  bastion: { unit: "fail2ban.service", description: "Fail2Ban Service", binary: "fail2ban-server", library: "libpython3.10.so.1.0", uid: 0, banner: [] },
  mail: { unit: "dovecot.service", description: "Dovecot IMAP/POP3 email server", binary: "dovecot", library: "libdovecot.so.0.0.0", uid: 0, banner: ["master: Dovecot v2.3.16 (7e2e900c1a) starting up for imap, pop3, lmtp"] },
  cache: { unit: "redis-server.service", description: "Advanced key-value store", binary: "redis-server", library: "redis-server", uid: 114, banner: ["Server initialized", "Ready to accept connections tcp"] },
};

export function expectedFaultLines(kind: "crash_loop" | "disk_errors", intensity: number): number {
  return kind === "crash_loop" ? lerp(2, 30, intensity) * 9.5 : lerp(1.5, 20, intensity) * 9;
}

function address(dice: GenContext["dice"], prefix: string): string {
  return prefix + dice.hex(16 - prefix.length);
}

/** A service that segfaults on start-up and that systemd keeps restarting. */
export function startCrashLoop(ctx: GenContext, plan: EpisodePlan, kind: number): EpisodeRunner {
  const { dice, sink } = ctx;
  const host = ctx.hosts[plan.hostIndex] as Host;
  const service = SERVICES[host.role];
  const tag = service.unit.replace(".service", "");
  const period = 60 / lerp(2, 30, plan.intensity);
  const signal = dice.chance(0.75) ? "11/SEGV" : "6/ABRT";
  const faultAt = address(dice, "0000000000000");
  const base = `55${dice.hex(6)}0000`;
  const mapping = `${base}+1${dice.hex(2)}000`;
  let nextAt = -1;
  let restarts = dice.range(1, 4);

  function cycle(sec: number): void {
    const pid = getDaemonPid(host, tag, dice);
    const kernel = (message: string): void => sink.emit(sec, host, "kernel", `${formatUptime(host, sec, dice)} ${message}`, kind);
    if (signal === "11/SEGV") {
      kernel(`${service.binary}[${pid}]: segfault at ${faultAt} ip 0000${base.slice(0, 8)}${dice.hex(4)} sp 00007ffd${dice.hex(8)} error 4 in ${service.library}[${mapping}]`);
      if (dice.chance(0.5)) {
        let bytes = "";
        for (let i = 0; i < 32; i++) bytes += `${i === 21 ? "<" : ""}${dice.hex(2)}${i === 21 ? ">" : ""} `;
        kernel(`Code: ${bytes.trimEnd()}`);
      }
    }
    sink.emit(sec, host, `systemd-coredump[${spawnPid(host, dice)}]`, `Process ${pid} (${service.binary}) of user ${service.uid} dumped core.`, kind);
    sink.emit(sec + 1, host, "systemd[1]", `${service.unit}: Main process exited, code=dumped, status=${signal}`, kind);
    sink.emit(sec + 1, host, "systemd[1]", `${service.unit}: Failed with result 'core-dump'.`, kind);
    const again = sec + 1 + Math.max(1, Math.floor(period / 3));
    restarts++;
    sink.emit(again, host, "systemd[1]", `${service.unit}: Scheduled restart job, restart counter is at ${restarts}.`, kind);
    sink.emit(again, host, "systemd[1]", `Stopped ${service.description}.`, kind);
    sink.emit(again, host, "systemd[1]", `Starting ${service.description}...`, kind);
    const fresh = restartDaemon(host, tag, dice);
    sink.emit(again, host, "systemd[1]", `Started ${service.description}.`, kind);
    for (const line of service.banner) sink.emit(again, host, `${tag}[${fresh}]`, line, kind);
  }

  return {
    emitMinute(minuteStart) {
      if (nextAt < minuteStart) nextAt = minuteStart + dice.int(Math.min(20, Math.ceil(period)));
      while (nextAt < minuteStart + 60) {
        cycle(nextAt);
        nextAt += Math.max(1, Math.round(period * lerp(0.7, 1.3, dice.float())));
      }
    },
  };
}

/** A failing disk: ATA exceptions, I/O errors on the block device, then ext4 complaining. */
export function startDiskErrors(ctx: GenContext, plan: EpisodePlan, kind: number): EpisodeRunner {
  const { dice, sink } = ctx;
  const host = ctx.hosts[plan.hostIndex] as Host;
  const port = dice.range(1, 2);
  const dev = port === 1 ? "sda" : "sdb";
  const scsi = `${port - 1}:0:0:0`;
  const part = `${dev}${dice.range(1, 2)}`;
  const badRegion = dice.range(2e6, 9e8);
  const perMinute = lerp(1.5, 20, plan.intensity);
  const comm = dice.pick(["nginx", "postgres", "rsync", "python3", "find", "kworker/u8:2"]);
  let smartReported = false;

  function kernel(sec: number, message: string): void {
    sink.emit(sec, host, "kernel", `${formatUptime(host, sec, dice)} ${message}`, kind);
  }

  function ataBurst(sec: number): void {
    const sector = badRegion + dice.int(4096);
    const tag = dice.int(32);
    const lba = [sector & 255, (sector >> 8) & 255, (sector >> 16) & 255].map((b) => b.toString(16).padStart(2, "0")).join(":");
    const write = dice.chance(0.3);
    kernel(sec, `ata${port}.00: exception Emask 0x0 SAct 0x${dice.hex(6)} SErr 0x0 action 0x0`);
    kernel(sec, `ata${port}.00: irq_stat 0x40000008`);
    kernel(sec, `ata${port}.00: failed command: ${write ? "WRITE" : "READ"} FPDMA QUEUED`);
    kernel(sec, `ata${port}.00: cmd ${write ? "61" : "60"}/08:${tag.toString(16).padStart(2, "0")}:${lba}/00:00:${dice.hex(2)}:00:00/40 tag ${tag} ncq dma 4096 ${write ? "out" : "in"}`);
    kernel(sec, `         res 41/40:00:${lba}/00:00:${dice.hex(2)}:00:00/40 Emask 0x409 (media error) <F>`);
    kernel(sec, `ata${port}.00: status: { DRDY ERR }`);
    kernel(sec, `ata${port}.00: error: { UNC }`);
    kernel(sec + 1, `ata${port}.00: configured for UDMA/133`);
    kernel(sec + 1, `sd ${scsi}: [${dev}] tag#${tag} FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE cmd_age=${dice.range(1, 9)}s`);
    kernel(sec + 1, `sd ${scsi}: [${dev}] tag#${tag} Sense Key : Medium Error [current]`);
    kernel(sec + 1, `sd ${scsi}: [${dev}] tag#${tag} Add. Sense: Unrecovered read error - auto reallocate failed`);
    kernel(sec + 1, `blk_update_request: I/O error, dev ${dev}, sector ${sector} op 0x${write ? "1:(WRITE)" : "0:(READ)"} flags 0x${dice.pick(["0", "800", "80700"])} phys_seg 1 prio class 0`);
    kernel(sec + 1, `ata${port}: EH complete`);
  }

  function filesystemBurst(sec: number): void {
    const inode = dice.range(2, 9e6);
    const block = Math.floor(badRegion / 8) + dice.int(512);
    const roll = dice.int(4);
    if (roll === 0) kernel(sec, `EXT4-fs error (device ${part}): ext4_find_entry:1463: inode #${inode}: comm ${comm}: reading directory lblock 0`);
    else if (roll === 1) kernel(sec, `EXT4-fs error (device ${part}): __ext4_get_inode_loc:4702: inode #${inode}: block ${block}: comm ${comm}: unable to read itable block`);
    else if (roll === 2) kernel(sec, `EXT4-fs warning (device ${part}): ext4_end_bio:347: I/O error 10 writing to inode ${inode} starting block ${block})`);
    else kernel(sec, `blk_update_request: I/O error, dev ${dev}, sector ${badRegion + dice.int(4096)} op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0`);
    kernel(sec, `Buffer I/O error on dev ${part}, logical block ${block}, ${dice.chance(0.5) ? "async page read" : "lost async page write"}`);
  }

  /** Programs reading or writing the dying disk get EIO and say so. */
  function applicationError(sec: number): void {
    const roll = dice.int(3);
    if (roll === 0 && host.role === "db") {
      sink.emit(sec, host, `postgres[${dice.range(2000, 99999)}]`, `[${dice.range(1, 9)}-1] ERROR:  could not read block ${dice.int(90000)} in file "base/16384/${dice.range(2600, 40000)}": Input/output error`, kind);
    } else if (roll === 0 && host.role === "web") {
      const worker = getDaemonPid(host, "nginx-worker-0", dice);
      sink.emit(sec, host, "nginx", `${sink.stampCache.slashed(sec)} [crit] ${worker}#${worker}: *${dice.range(1000, 9999999)} pread() "/var/www/shop/public/static/js/app.${dice.hex(8)}.js" failed (5: Input/output error), client: ${dice.publicIp()}, server: shop.example.com, request: "GET /static/js/app.${dice.hex(8)}.js HTTP/1.1"`, kind);
    } else if (roll === 1) {
      sink.emit(sec, host, `systemd-journald[${getDaemonPid(host, "journald", dice)}]`, `Failed to write entry (${dice.range(9, 30)} items, ${dice.range(300, 1200)} bytes), ignoring: Input/output error`, kind);
    } else {
      sink.emit(sec, host, `rsyslogd[${getDaemonPid(host, "rsyslogd", dice)}]`, "file '/var/log/syslog': write error - see https://www.rsyslog.com/solving-rsyslog-write-errors/ for help OS error: Input/output error [v8.2112.0 try https://www.rsyslog.com/e/2027 ]", kind);
    }
  }

  return {
    emitMinute(minuteStart, index) {
      const n = Math.max(1, dice.poisson(perMinute * lerp(0.6, 1.4, dice.float())));
      for (const sec of drawSortedSeconds(ctx, minuteStart, n, 58)) {
        if (dice.chance(0.55)) ataBurst(sec);
        else filesystemBurst(sec);
        if (dice.chance(0.5)) applicationError(sec + 1);
      }
      if (!smartReported && (index > 0 || dice.chance(0.5))) {
        smartReported = true;
        const smartd = `smartd[${getDaemonPid(host, "smartd", dice)}]`;
        const sec = minuteStart + dice.int(58);
        sink.emit(sec, host, smartd, `Device: /dev/${dev} [SAT], ${dice.range(8, 400)} Currently unreadable (pending) sectors`, kind);
        sink.emit(sec, host, smartd, `Device: /dev/${dev} [SAT], ${dice.range(8, 400)} Offline uncorrectable sectors`, kind);
      }
      if (index >= plan.minutes - 1 && plan.intensity > 0.75) {
        const sec = minuteStart + 58;
        kernel(sec, `JBD2: Detected IO errors while flushing file data on ${part}-8`);
        kernel(sec, `Aborting journal on device ${part}-8.`);
        kernel(sec, `EXT4-fs (${part}): Remounting filesystem read-only`);
      }
    },
  };
}
