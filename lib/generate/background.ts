import {
  dhcpRenewal, firewallBlock, kernelChatter, ntpdChatter, sshProbe, sshSession, sudoRoutine, suRoutine,
  systemdTimer, type Family,
} from "./background-system";
import {
  nginxAccess, nginxError, postfixDelivery, postfixLocal, postfixReject, postgresActivity, redisSnapshot, workerTask,
} from "./background-services";
import { getDaemonPid, spawnPid, type Host, type HostRole } from "./fleet";
import type { GenContext } from "./line-sink";
import { Dice } from "./rng";

interface Rate {
  family: Family;
  /** Events per minute at the daily peak. */
  perMinute: number;
  /** Internet noise does not sleep at night. */
  steady?: boolean;
}

const COMMON: Rate[] = [
  { family: systemdTimer, perMinute: 0.02 },
  { family: kernelChatter, perMinute: 0.01, steady: true },
  { family: ntpdChatter, perMinute: 0.02, steady: true },
  { family: dhcpRenewal, perMinute: 0.03, steady: true },
  { family: postfixLocal, perMinute: 0.02 },
];

const ROLE_RATES: Record<HostRole, Rate[]> = {
  web: [
    { family: nginxAccess, perMinute: 24 },
    { family: nginxError, perMinute: 0.5 },
    { family: sshProbe, perMinute: 0.15, steady: true },
    { family: firewallBlock, perMinute: 1.2, steady: true },
    { family: sshSession, perMinute: 0.03 },
    { family: sudoRoutine, perMinute: 0.03 },
    ...COMMON,
  ],
  app: [
    { family: workerTask, perMinute: 5 },
    { family: sshSession, perMinute: 0.05 },
    { family: sudoRoutine, perMinute: 0.08 },
    { family: firewallBlock, perMinute: 0.3, steady: true },
    ...COMMON,
  ],
  db: [
    { family: postgresActivity, perMinute: 9 },
    { family: suRoutine, perMinute: 0.05 },
    { family: sudoRoutine, perMinute: 0.05 },
    { family: sshSession, perMinute: 0.03 },
    ...COMMON,
  ],
  bastion: [
    { family: sshSession, perMinute: 0.5 },
    { family: sshProbe, perMinute: 1, steady: true },
    { family: firewallBlock, perMinute: 2, steady: true },
    { family: sudoRoutine, perMinute: 0.2 },
    { family: suRoutine, perMinute: 0.03 },
    ...COMMON,
  ],
  mail: [
    { family: postfixDelivery, perMinute: 2 },
    { family: postfixReject, perMinute: 0.8 },
    { family: sshProbe, perMinute: 0.2, steady: true },
    { family: firewallBlock, perMinute: 1.5, steady: true },
    ...COMMON,
  ],
  cache: [
    { family: redisSnapshot, perMinute: 0.25 },
    { family: sshSession, perMinute: 0.02 },
    { family: firewallBlock, perMinute: 0.3, steady: true },
    ...COMMON,
  ],
};

/** Daily cycle (low at 03:00 UTC, peak at 15:00) with quieter weekends. */
export function diurnalLoad(minute: number): number {
  const hour = (minute % 1440) / 60;
  const day = 0.3 + 0.7 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 3)) / 24));
  const weekday = (Math.floor(minute / 1440) + 4) % 7;
  return weekday === 0 || weekday === 6 ? day * 0.7 : day;
}

/** Expected background lines per minute as `diurnal * LoadCurve.at(minute) + steady`, summed over the fleet. */
export function expectedBackgroundRates(roles: HostRole[]): { diurnal: number; steady: number } {
  let diurnal = 0;
  let steady = 0;
  for (const role of roles) {
    for (const rate of ROLE_RATES[role]) {
      if (rate.steady) steady += rate.perMinute * rate.family.lines;
      else diurnal += rate.perMinute * rate.family.lines;
    }
    // Cron: hourly and sysstat jobs everywhere, the app scheduler every five minutes.
    steady += 3 / 60 + 3 / 10 + (role === "app" ? 3 / 5 : 0);
  }
  return { diurnal, steady };
}

/**
 * Fleet load per minute: the daily cycle times a slowly drifting factor, so that neighbouring
 * minutes look alike and busy spells come and go. It has its own seed stream, so the planner can
 * replay it to size the log's span exactly instead of guessing from the mean (the drift moves a
 * short log's volume by a fifth).
 */
export class LoadCurve {
  private readonly dice: Dice;
  private minute: number;
  private value = 0;
  private drift = 0;

  constructor(seed: number, firstMinute: number) {
    this.dice = new Dice(seed);
    this.minute = firstMinute - 1;
  }

  /** Load of `minute`; minutes must be asked for in non-decreasing order (both users walk forward). */
  at(minute: number): number {
    if (minute < this.minute) throw new RangeError("LoadCurve is read forward only");
    while (this.minute < minute) {
      this.minute++;
      this.drift = 0.97 * this.drift + 0.06 * this.dice.gaussian();
      this.value = diurnalLoad(this.minute) * Math.exp(this.drift + 0.12 * this.dice.gaussian());
    }
    return this.value;
  }
}

export function emitBackgroundMinute(ctx: GenContext, curve: LoadCurve, minute: number, fromSec: number): void {
  const { dice } = ctx;
  const minuteStart = minute * 60;
  const offset = fromSec - minuteStart;
  const share = (60 - offset) / 60;
  const load = curve.at(minute) * share;
  for (const host of ctx.hosts) {
    for (const rate of ROLE_RATES[host.role]) {
      const count = dice.poisson(rate.perMinute * (rate.steady ? share : load));
      for (let i = 0; i < count; i++) rate.family.emit(ctx, host, minuteStart + offset + dice.int(60 - offset));
    }
    if (offset <= 1) emitCronMinute(ctx, host, minute);
  }
}

function cronJob(ctx: GenContext, host: Host, sec: number, user: string, command: string): void {
  const cron = `CRON[${spawnPid(host, ctx.dice)}]`;
  ctx.sink.emit(sec, host, cron, `pam_unix(cron:session): session opened for user ${user} by (uid=0)`);
  ctx.sink.emit(sec, host, cron, `(${user}) CMD (${command})`);
  ctx.sink.emit(sec + ctx.dice.range(0, 3), host, cron, `pam_unix(cron:session): session closed for user ${user}`);
}

/** crontab entries fire at the top of their minute, on every host at once. */
function emitCronMinute(ctx: GenContext, host: Host, minute: number): void {
  const { dice, sink } = ctx;
  const sec = minute * 60 + 1;
  const minuteOfHour = minute % 60;
  const hour = Math.floor(minute / 60) % 24;
  if (minuteOfHour === 17) cronJob(ctx, host, sec, "root", "   cd / && run-parts --report /etc/cron.hourly");
  if (minuteOfHour % 10 === 0) cronJob(ctx, host, sec, "root", "command -v debian-sa1 > /dev/null && debian-sa1 1 1");
  if (host.role === "app" && minuteOfHour % 5 === 0) {
    cronJob(ctx, host, sec, "www-data", "/usr/bin/flock -n /tmp/shop-sched.lock /srv/shop/venv/bin/python manage.py run_scheduled");
  }
  if (host.role === "db" && minuteOfHour === 0 && hour % 6 === 0) {
    cronJob(ctx, host, sec, "postgres", "/usr/local/bin/pg_backup.sh > /var/log/pg_backup.log 2>&1");
  }
  if (hour === 6 && minuteOfHour === 25) {
    cronJob(ctx, host, sec, "root", "test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )");
    // cron.daily's logrotate makes every host HUP rsyslog within a minute or two.
    const at = sec + dice.range(5, 100);
    sink.emit(at, host, "systemd[1]", "Starting Rotate log files...");
    const rsyslogd = getDaemonPid(host, "rsyslogd", dice);
    sink.emit(at + 1, host, `rsyslogd[${rsyslogd}]`, `[origin software="rsyslogd" swVersion="8.2112.0" x-pid="${rsyslogd}" x-info="https://www.rsyslog.com"] rsyslogd was HUPed`);
    sink.emit(at + 2, host, "systemd[1]", "logrotate.service: Succeeded.");
    sink.emit(at + 2, host, "systemd[1]", "Finished Rotate log files.");
    sink.emit(at + 3, host, "systemd[1]", "Starting Daily man-db regeneration...");
    sink.emit(at + dice.range(8, 40), host, "systemd[1]", "man-db.service: Succeeded.");
  }
}
