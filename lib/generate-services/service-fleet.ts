import type { ServiceRandom } from "./service-random";

/** One line before it is written: when (Unix milliseconds), its JSON object, and whether an episode wrote it. */
export interface PendingLine {
  ms: number;
  fields: Record<string, string | number>;
  episode: boolean;
}

export interface Service {
  name: string;
  hosts: string[];
  endpoints: string[];
  /** Share of the background traffic, relative. */
  weight: number;
  /** Handles sign-ins (its lines include logins); the first such service takes credential stuffing. */
  auth: boolean;
  /** Runs background jobs (retries and queue depth). */
  worker: boolean;
}

const NAMES = [
  "gateway", "checkout", "payments", "auth", "catalog", "search",
  "inventory", "notifications", "orders", "profile", "recommendations", "shipping",
];
const RESOURCES = ["cart", "items", "orders", "users", "prices", "sessions", "stock", "reviews", "addresses", "invoices"];

/** `count` services (3..12): the gateway, the auth service and a worker are always among them. */
export function buildServices(count: number, random: ServiceRandom): Service[] {
  const names = ["gateway", "auth", "notifications", ...NAMES.filter((n) => !["gateway", "auth", "notifications"].includes(n))];
  return names.slice(0, Math.min(Math.max(count, 3), NAMES.length)).map((name) => {
    const pod = random.hex(5);
    const hosts = Array.from({ length: random.between(1, 4) }, (_, i) => `${name}-${pod}-${i}`);
    const endpoints = Array.from({ length: random.between(3, 7) }, () => `/api/${name}/${random.pick(RESOURCES)}${random.chance(0.4) ? "/{id}" : ""}`);
    return { name, hosts, endpoints, weight: name === "gateway" ? 4 : 0.5 + random.next() * 2, auth: name === "auth", worker: name === "notifications" || name === "orders" };
  });
}

const METHODS = ["GET", "GET", "GET", "GET", "POST", "PUT", "DELETE"];

function status(random: ServiceRandom): number {
  const r = random.next();
  if (r < 0.9) return random.pick([200, 200, 200, 201, 204]);
  if (r < 0.95) return 304;
  if (r < 0.975) return 404;
  if (r < 0.995) return random.pick([400, 401, 409, 422]);
  return random.pick([500, 502]);
}

/** An endpoint with its `{id}` filled in. */
export const path = (endpoint: string, random: ServiceRandom) => endpoint.replace("{id}", String(random.between(1, 99999)));

/** One ordinary line of `service` at `ms`: mostly access lines, then the chatter of a running service. */
export function backgroundLine(service: Service, ms: number, random: ServiceRandom): PendingLine {
  const host = random.pick(service.hosts);
  const base = { ts: "", level: "info", service: service.name, host };
  const r = random.next();
  let fields: Record<string, string | number>;
  if (service.auth && r < 0.35) {
    const user = `u${random.between(1000, 60000)}`;
    fields = random.chance(0.015)
      ? { ...base, level: "warn", msg: `login failed user=${user} reason=bad_password`, user }
      : { ...base, msg: random.chance(0.7) ? `login ok user=${user}` : `token refreshed user=${user}`, user };
  } else if (service.worker && r < 0.3) {
    const job = random.between(1, 9_999_999);
    fields = { ...base, msg: `job ${job} done in ${random.between(20, 900)}ms`, job };
  } else if (r < 0.78) {
    const code = status(random);
    const latency = Math.round(Math.exp(3 + random.gaussian() * 0.6));
    const method = random.pick(METHODS);
    fields = { ...base, level: code >= 500 ? "error" : "info", msg: `${method} ${path(random.pick(service.endpoints), random)} ${code} in ${latency}ms`, status: code, latency_ms: latency, trace_id: random.hex(16) };
  } else if (r < 0.9) {
    fields = { ...base, msg: random.pick([`cache refreshed keys=${random.between(10, 5000)}`, `published event ${service.name}.updated id=${random.hex(8)}`, `db pool active=${random.between(1, 20)} idle=${random.between(0, 10)}`]) };
  } else if (r < 0.97) {
    fields = { ...base, level: "debug", msg: `feature flag ${random.pick(["new_ui", "fast_path", "v2_pricing"])}=${random.chance(0.5)} for tenant t-${random.between(1, 400)}` };
  } else if (r < 0.997) {
    fields = { ...base, level: "warn", msg: random.chance(0.5) ? `slow query ${random.between(500, 2000)}ms on table ${random.pick(RESOURCES)}` : `retrying call to ${random.pick(NAMES)} (attempt 2)` };
  } else {
    fields = { ...base, level: "error", msg: `unhandled exception: ${random.pick(["TimeoutError", "ValueError: empty basket", "KeyError: 'sku'"])}` };
  }
  return { ms, fields, episode: false };
}
