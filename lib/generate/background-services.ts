import type { Family } from "./background-system";
import { getDaemonPid, spawnPid } from "./fleet";
import type { GenContext } from "./line-sink";

const SITE = "shop.example.com";
const AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "curl/7.81.0",
  "python-requests/2.31.0",
];
const MAIL_DOMAINS = ["gmail.com", "outlook.com", "example.org", "mailchimpapp.net", "amazonses.com", "yahoo.com"];
const TASKS = ["shop.tasks.send_receipt", "shop.tasks.sync_inventory", "shop.tasks.resize_image", "shop.tasks.refresh_prices", "billing.tasks.charge_card"];
const TABLES = ["orders", "order_items", "products", "sessions", "carts", "audit_log"];

/** Web clients repeat: a few hundred addresses, the first ones far more often (roughly Zipf). */
function pickClientIp(ctx: GenContext): string {
  const u = ctx.dice.float();
  const index = Math.floor(300 * u * u);
  let ip = ctx.clients[index];
  if (ip === undefined) {
    ip = ctx.dice.publicIp();
    ctx.clients[index] = ip;
  }
  return ip;
}

function pickRequestPath(ctx: GenContext): string {
  const { dice } = ctx;
  const roll = dice.int(10);
  if (roll < 3) return `/api/v1/products/${dice.range(1000, 99999)}`;
  if (roll < 5) return `/api/v1/products?page=${dice.range(1, 40)}&sort=${dice.pick(["price", "name", "new"])}`;
  if (roll === 5) return `/static/js/app.${dice.hex(8)}.js`;
  if (roll === 6) return `/images/p/${dice.range(1000, 99999)}-${dice.pick(["sm", "md", "lg"])}.webp`;
  if (roll === 7) return `/api/v1/cart/${dice.hex(12)}`;
  return dice.pick(["/", "/login", "/checkout", "/healthz", "/favicon.ico", "/robots.txt", "/wp-login.php", "/.env"]);
}

export const nginxAccess: Family = {
  lines: 1,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const path = pickRequestPath(ctx);
    const missing = path === "/wp-login.php" || path === "/.env";
    const roll = dice.int(100);
    const status = missing ? 404 : roll < 80 ? 200 : roll < 88 ? 304 : roll < 93 ? 301 : roll < 97 ? 404 : roll < 99 ? 499 : 502;
    const method = path.startsWith("/api/v1/cart") && dice.chance(0.5) ? "POST" : "GET";
    const bytes = status === 304 ? 0 : dice.range(120, 48000);
    const referer = dice.chance(0.6) ? `https://${SITE}/` : "-";
    sink.emit(sec, host, "nginx", `${pickClientIp(ctx)} - - [${sink.stampCache.accessLog(sec)}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "${referer}" "${dice.pick(AGENTS)}"`);
  },
};

export const nginxError: Family = {
  lines: 1,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const worker = getDaemonPid(host, `nginx-worker-${dice.int(4)}`, dice);
    const head = `${sink.stampCache.slashed(sec)} [${dice.chance(0.7) ? "error" : "warn"}] ${worker}#${worker}: *${dice.range(1000, 9999999)}`;
    const client = pickClientIp(ctx);
    const id = dice.range(1000, 99999);
    const roll = dice.int(3);
    const message =
      roll === 0
        ? `upstream timed out (110: Connection timed out) while reading response header from upstream, client: ${client}, server: ${SITE}, request: "GET /api/v1/products/${id} HTTP/1.1", upstream: "http://10.0.2.11:8000/api/v1/products/${id}", host: "${SITE}"`
        : roll === 1
          ? `open() "/var/www/shop/public/wp-login.php" failed (2: No such file or directory), client: ${client}, server: ${SITE}, request: "GET /wp-login.php HTTP/1.1", host: "${SITE}"`
          : `an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/${dice.int(10)}/${dice.range(10, 99)}/00000${dice.range(10000, 99999)} while reading upstream, client: ${client}, server: ${SITE}, request: "GET /api/v1/products?page=${dice.range(1, 40)} HTTP/1.1"`;
    sink.emit(sec, host, "nginx", `${head} ${message}`);
  },
};

/** One inbound message accepted, queued and delivered. */
export const postfixDelivery: Family = {
  lines: 7,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const smtpd = `postfix/smtpd[${spawnPid(host, dice)}]`;
    const qmgr = `postfix/qmgr[${getDaemonPid(host, "qmgr", dice)}]`;
    const peerName = `mail-${dice.pick(["sor", "yw1", "ot1", "pf1", "qk1"])}-f${dice.range(10, 199)}.${dice.pick(MAIL_DOMAINS)}`;
    const peer = `${peerName}[${dice.publicIp()}]`;
    const id = dice.queueId();
    const user = dice.pick(["orders", "support", "billing", "noreply", "alice", "bob"]);
    sink.emit(sec, host, smtpd, `connect from ${peer}`);
    sink.emit(sec, host, smtpd, `${id}: client=${peer}`);
    sink.emit(sec + 1, host, `postfix/cleanup[${getDaemonPid(host, "cleanup", dice)}]`, `${id}: message-id=<${dice.hex(16)}@${peerName.slice(peerName.indexOf(".") + 1)}>`);
    sink.emit(sec + 1, host, qmgr, `${id}: from=<${dice.hex(6)}@${dice.pick(MAIL_DOMAINS)}>, size=${dice.range(1500, 250000)}, nrcpt=1 (queue active)`);
    const delay = dice.range(8, 400) / 100;
    sink.emit(sec + 2, host, `postfix/lmtp[${spawnPid(host, dice)}]`, `${id}: to=<${user}@example.com>, relay=127.0.0.1[127.0.0.1]:24, delay=${delay}, delays=0.1/0.01/0.02/${(delay / 2).toFixed(2)}, dsn=2.0.0, status=sent (250 2.0.0 <${user}@example.com> ${dice.hex(22)} Saved)`);
    sink.emit(sec + 2, host, qmgr, `${id}: removed`);
    sink.emit(sec + 2, host, smtpd, `disconnect from ${peer} ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5`);
  },
};

/** Spam rejected at RCPT, or a botnet guessing SASL passwords (postfix says "failed", not "failure"). */
export const postfixReject: Family = {
  lines: 3,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const smtpd = `postfix/smtpd[${spawnPid(host, dice)}]`;
    const ip = dice.publicIp();
    sink.emit(sec, host, smtpd, `connect from unknown[${ip}]`);
    if (dice.chance(0.6)) {
      sink.emit(sec + 1, host, smtpd, `NOQUEUE: reject: RCPT from unknown[${ip}]: 554 5.7.1 Service unavailable; Client host [${ip}] blocked using zen.spamhaus.org; from=<${dice.hex(8)}@${dice.pick(MAIL_DOMAINS)}> to=<${dice.pick(["info", "sales", "admin"])}@example.com> proto=ESMTP helo=<${dice.hex(6)}.net>`);
      sink.emit(sec + 1, host, smtpd, `disconnect from unknown[${ip}] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`);
    } else {
      sink.emit(sec + 1, host, smtpd, `warning: unknown[${ip}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6`);
      sink.emit(sec + 2, host, smtpd, `disconnect from unknown[${ip}] ehlo=1 auth=0/1 quit=1 commands=2/3`);
    }
  },
};

/** Cron output mailed to root and relayed to the mail host. */
export const postfixLocal: Family = {
  lines: 4,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const id = dice.queueId();
    const qmgr = `postfix/qmgr[${getDaemonPid(host, "qmgr", dice)}]`;
    sink.emit(sec, host, `postfix/pickup[${getDaemonPid(host, "pickup", dice)}]`, `${id}: uid=0 from=<root>`);
    sink.emit(sec, host, qmgr, `${id}: from=<root@${host.name}.example.com>, size=${dice.range(600, 4000)}, nrcpt=1 (queue active)`);
    sink.emit(sec + 1, host, `postfix/smtp[${spawnPid(host, dice)}]`, `${id}: to=<root@${host.name}.example.com>, orig_to=<root>, relay=mail-01.example.com[10.0.1.14]:25, delay=0.${dice.range(10, 99)}, delays=0.02/0.01/0.1/0.${dice.range(10, 60)}, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${dice.queueId()})`);
    sink.emit(sec + 1, host, qmgr, `${id}: removed`);
  },
};

export const postgresActivity: Family = {
  lines: 1,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const backend = dice.range(2000, 99999);
    const roll = dice.int(10);
    let message: string;
    if (roll < 4) {
      message = `LOG:  duration: ${dice.range(500, 9000)}.${dice.range(100, 999)} ms  statement: SELECT o.id, o.total, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.created_at > now() - interval '${dice.range(1, 30)} days' ORDER BY o.total DESC LIMIT ${dice.pick([20, 50, 100])}`;
    } else if (roll < 7) {
      message = dice.chance(0.5)
        ? `LOG:  connection received: host=10.0.2.${dice.range(10, 40)} port=${dice.port()}`
        : `LOG:  connection authorized: user=shop database=shop application_name=${dice.pick(["gunicorn", "celery", "psql"])}`;
    } else if (roll < 9) {
      message = `LOG:  automatic vacuum of table "shop.public.${dice.pick(TABLES)}": index scans: ${dice.int(3)}`;
    } else {
      const buffers = dice.range(20, 9000);
      message = `LOG:  checkpoint complete: wrote ${buffers} buffers (${(buffers / 1638).toFixed(1)}%); 0 WAL file(s) added, 0 removed, ${dice.int(4)} recycled; write=${dice.range(1, 269)}.${dice.range(100, 999)} s, sync=0.0${dice.range(10, 99)} s, total=${dice.range(1, 270)}.${dice.range(100, 999)} s`;
    }
    sink.emit(sec, host, `postgres[${backend}]`, `[${dice.range(1, 9)}-1] ${message}`);
  },
};

export const redisSnapshot: Family = {
  lines: 4,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const pid = getDaemonPid(host, "redis", dice);
    const tag = `redis-server[${pid}]`;
    const child = spawnPid(host, dice);
    const stamp = (s: number, role: string): string => `${role === "M" ? pid : child}:${role} ${sink.stampCache.spelled(s)}.${dice.range(100, 999)}`;
    sink.emit(sec, host, tag, `${stamp(sec, "M")} * ${dice.range(10, 10000)} changes in ${dice.pick([60, 300])} seconds. Saving...`);
    sink.emit(sec, host, tag, `${stamp(sec, "M")} * Background saving started by pid ${child}`);
    sink.emit(sec + 1, host, tag, `${stamp(sec + 1, "C")} * DB saved on disk`);
    sink.emit(sec + 1, host, tag, `${stamp(sec + 1, "M")} * Background saving terminated with success`);
  },
};

export const workerTask: Family = {
  lines: 2,
  emit(ctx, host, sec) {
    const { dice, sink } = ctx;
    const tag = `celery[${getDaemonPid(host, `celery-${dice.int(4)}`, dice)}]`;
    const task = `${dice.pick(TASKS)}[${dice.hex(8)}-${dice.hex(4)}-${dice.hex(4)}-${dice.hex(4)}-${dice.hex(12)}]`;
    sink.emit(sec, host, tag, `Task ${task} received`);
    const ok = dice.chance(0.985);
    sink.emit(sec + dice.range(0, 3), host, tag, ok
      ? `Task ${task} succeeded in ${(dice.range(3, 4000) / 1000).toFixed(3)}s: None`
      : `Task ${task} retry: Retry in ${dice.pick([10, 30, 60])}s: OperationalError('could not connect to server: Connection refused')`);
  },
};
