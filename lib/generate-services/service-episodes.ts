import { backgroundLine, path, type PendingLine, type Service } from "./service-fleet";
import type { ServiceRandom } from "./service-random";
import { SERVICE_EPISODE_KINDS, type ServiceEpisode, type ServiceEpisodeKind, type ServiceLogOptions } from "./types";

/** Minutes each kind lasts, shortest and longest: storms are short, drifts and backlogs long. */
const DURATION: Record<ServiceEpisodeKind, [number, number]> = {
  error_storm: [3, 15],
  latency_storm: [5, 25],
  outage: [3, 12],
  credential_stuffing: [5, 40],
  retry_backlog: [10, 45],
  config_drift: [5, 20],
};

function pickKind(mix: ServiceLogOptions["mix"], random: ServiceRandom): ServiceEpisodeKind {
  const weights = SERVICE_EPISODE_KINDS.map((kind) => Math.max(0, mix?.[kind] ?? 1));
  let r = random.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return SERVICE_EPISODE_KINDS[i] ?? "error_storm";
  }
  return "error_storm";
}

/**
 * Episodes for a log of `options.lines` lines: how many from the density per day of the expected
 * span (lines over the background rate), when at random in it, never overlapping, with at least 20 quiet minutes
 * between two and none in the first 30 (a detector's scaler sees ordinary windows first).
 */
export function planEpisodes(options: ServiceLogOptions, services: Service[], random: ServiceRandom): ServiceEpisode[] {
  const firstMinute = Math.floor(options.start / 60);
  const span = Math.max(60, Math.floor(options.lines / options.ratePerMinute));
  const wanted = Math.max(1, Math.round((span / 1440) * (options.episodesPerDay ?? 6)));
  const episodes: ServiceEpisode[] = [];
  for (let tries = 0; episodes.length < wanted && tries < wanted * 50; tries++) {
    const kind = pickKind(options.mix, random);
    const [lo, hi] = DURATION[kind];
    const minutes = random.between(lo, hi);
    const startMinute = firstMinute + random.between(30, Math.max(31, span - minutes - 5));
    const clash = episodes.some((e) => startMinute < e.startMinute + e.minutes + 20 && e.startMinute < startMinute + minutes + 20);
    if (clash) continue;
    const auth = services.findIndex((s) => s.auth);
    const worker = services.findIndex((s) => s.worker);
    const service = kind === "credential_stuffing" ? auth : kind === "retry_backlog" ? worker : random.between(0, services.length - 1);
    episodes.push({ kind, startMinute, minutes, intensity: 0.2 + 0.8 * random.next(), service: Math.max(0, service) });
  }
  return episodes.sort((a, b) => a.startMinute - b.startMinute);
}

const at = (minuteMs: number, random: ServiceRandom) => minuteMs + Math.floor(random.next() * 60_000);

/** The lines `episode` adds in the minute starting at `minuteMs` (epoch ms); `step` counts its minutes from 0. */
export function episodeLines(episode: ServiceEpisode, services: Service[], minuteMs: number, step: number, random: ServiceRandom): PendingLine[] {
  const service = services[episode.service] ?? services[0];
  if (!service) return [];
  // Most episodes swell and fade: loudest in the middle third.
  const shape = Math.min(1, 0.4 + Math.min(step + 1, episode.minutes - step) / Math.max(1, episode.minutes / 3));
  const count = (lo: number, hi: number) => random.poisson(episode.intensity * shape * (lo + random.next() * (hi - lo)));
  const line = (fields: Record<string, string | number>): PendingLine => ({
    ms: at(minuteMs, random),
    fields: { ts: "", level: "error", service: service.name, host: random.pick(service.hosts), ...fields },
    episode: true,
  });
  const out: PendingLine[] = [];
  switch (episode.kind) {
    case "error_storm":
      for (let i = count(40, 300); i > 0; i--) {
        const code = random.pick([500, 502, 503, 503, 504]);
        out.push(line({ msg: `POST ${path(random.pick(service.endpoints), random)} ${code} in ${random.between(2, 40)}ms`, status: code, trace_id: random.hex(16) }));
        if (random.chance(0.3)) out.push(line({ msg: random.pick(["upstream connect error or disconnect/reset before headers", "NullPointerException at OrderHandler.handle(OrderHandler.java:88)", "database is locked"]) }));
      }
      break;
    case "latency_storm":
      for (let i = count(30, 160); i > 0; i--) {
        const latency = random.between(4000, 30000);
        out.push(line(latency >= 30000 || random.chance(0.4)
          ? { level: "warn", msg: `request timed out after 30000ms: GET ${path(random.pick(service.endpoints), random)}` }
          : { level: "info", msg: `GET ${path(random.pick(service.endpoints), random)} 200 in ${latency}ms`, status: 200, latency_ms: latency }));
      }
      if (random.chance(0.3)) out.push(line({ level: "warn", msg: `circuit breaker open for ${service.name}` }));
      break;
    case "outage": {
      // The service itself is silent (generateServiceLogs skips it); its callers complain.
      const callers = services.filter((s) => s !== service);
      for (let i = count(30, 150); i > 0; i--) {
        const caller = random.pick(callers);
        const msg = `connection refused to ${service.name}:8080 (retry ${random.between(1, 3)}/3)`;
        out.push({ ms: at(minuteMs, random), fields: { ts: "", level: "error", service: caller.name, host: random.pick(caller.hosts), msg }, episode: true });
      }
      break;
    }
    case "credential_stuffing":
      for (let i = count(60, 450); i > 0; i--) {
        const user = random.chance(0.5) ? `u${random.between(1000, 60000)}` : `${random.pick(["admin", "test", "info", "sales", "root"])}${random.between(0, 99)}`;
        const ip = `${random.between(11, 223)}.${random.between(0, 255)}.${random.between(0, 255)}.${random.between(1, 254)}`;
        out.push(line({ level: "warn", msg: `login failed user=${user} reason=bad_password ip=${ip}`, user }));
      }
      break;
    case "retry_backlog":
      for (let i = count(15, 120); i > 0; i--) {
        out.push(line({ level: "warn", msg: `job ${random.between(1, 9_999_999)} failed: deadline exceeded; retry ${random.between(1, 5)}/5 in 2s` }));
      }
      if (step % 2 === 0) out.push(line({ level: "warn", msg: `queue depth ${5000 + step * random.between(200, 900)} above threshold 5000` }));
      break;
    case "config_drift":
      for (let i = count(8, 80); i > 0; i--) {
        out.push(line(random.pick([
          { level: "warn", msg: `config key '${service.name}.timeout_ms' missing, using default 0` },
          { level: "error", msg: "schema mismatch: field 'currency' expected string, got null" },
          { level: "warn", msg: `unknown feature flag 'rollout_${random.between(1, 9)}' evaluated as false` },
        ])));
      }
      break;
  }
  return out;
}

/** The background of one minute for the services that are up, `count` lines in all. */
export function backgroundMinute(services: Service[], down: ReadonlySet<number>, minuteMs: number, count: number, random: ServiceRandom): PendingLine[] {
  const up = services.filter((_, i) => !down.has(i));
  const total = up.reduce((sum, s) => sum + s.weight, 0);
  const out: PendingLine[] = [];
  for (let i = 0; i < count && up.length > 0; i++) {
    let r = random.next() * total;
    const service = up.find((s) => (r -= s.weight) < 0) ?? up[up.length - 1];
    if (!service) break;
    out.push(backgroundLine(service, at(minuteMs, random), random));
  }
  return out;
}
