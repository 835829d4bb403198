import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { createServer, isIPv6, type Server, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { config } from "@/lib/config/env";
import { getStream } from "@/lib/db/get-stream";
import { syslogSourceConfigSchema, type StreamRecord, type SyslogSourceConfig } from "@/lib/domain/stream-types";
import { formatCount } from "@/lib/domain/format-quantities";
import { isUserInputError, UserInputError } from "@/lib/domain/user-input-error";
import { LineBatcher } from "./line-batcher";
import { BusyStreamError } from "./live-stream";
import { ProblemReporter } from "./problem-reporter";
import { openLiveStream } from "./stream-registry";
import { SyslogFramer, trimEnd, type FrameSink } from "./syslog-frames";
import { syslogLine, syslogTarget, type SyslogTarget } from "./syslog-message";

/**
 * A syslog stream's receiver (issue #17, docs/live.md): RFC 3164 and RFC 5424 messages on one TCP
 * or UDP port, framed as RFC 6587 says on TCP (octet counting or one message a line) and one
 * message a datagram on UDP, written as the lines the stream's model reads (syslog-message.ts) and
 * appended in batches (line-batcher.ts). A message or frame that cannot be read is counted and
 * said in the stream's lastProblem; the receiver goes on. A slow store pauses the TCP connections;
 * UDP cannot be paused, so its messages past the batcher's bound are dropped and counted.
 */

export interface SyslogCounts {
  /** Messages taken into the stream. */
  messages: number;
  /** Messages and frames refused (not syslog, cut short). */
  refused: number;
  /** Messages dropped because the stream was storing too slowly (UDP only). */
  dropped: number;
}

/** More connections than any relay set needs; each holds at most one message's bytes. */
const MAX_CONNECTIONS = 256;

export class SyslogReceiver {
  readonly counts: SyslogCounts = { messages: 0, refused: 0, dropped: 0 };
  private readonly batcher: LineBatcher;
  private readonly problems: ProblemReporter;
  private readonly paused = new Set<Socket>();
  private readonly sockets = new Set<Socket>();
  private tcp: Server | null = null;
  private udp: UdpSocket | null = null;
  private closing = false;
  private stopped = false;

  private constructor(
    readonly streamId: number,
    readonly settings: SyslogSourceConfig & { host: string },
    private readonly target: SyslogTarget,
  ) {
    this.problems = new ProblemReporter(streamId);
    this.batcher = new LineBatcher({
      send: (lines, count) => this.send(lines, count),
      onDrain: () => {
        for (const socket of this.paused) socket.resume();
        this.paused.clear();
      },
      onDrop: (count) => {
        this.counts.dropped += count;
        // Dropped because the stream ended: nothing to tell.
        if (this.stopped) return;
        this.problems.report(`${this.label} dropped ${plural(this.counts.dropped, "message")} so far: the stream stored them more slowly than they came.`);
      },
    });
  }

  /** Listens for `stream`'s messages. Throws a UserInputError sentence when it cannot (port not allowed or busy, model gone). */
  static async start(stream: StreamRecord): Promise<SyslogReceiver> {
    const parsed = syslogSourceConfigSchema.safeParse(stream.sourceConfig);
    if (stream.source !== "syslog" || !parsed.success) throw new Error(`stream ${stream.id} is not a syslog stream`);
    const settings = { ...parsed.data, host: parsed.data.host ?? config().host };
    checkSyslogPort(settings.port);
    // Opened first: a stream whose model is gone is refused before anything listens for it.
    const live = await openLiveStream(stream.id);
    const receiver = new SyslogReceiver(stream.id, settings, syslogTarget(live.run.params.detectedFormat ?? live.run.params.format));
    await receiver.listen();
    return receiver;
  }

  /** `tcp port 5514` (as sentences name it). */
  get label(): string {
    return `Syslog on ${this.settings.protocol} port ${this.settings.port}`;
  }

  /** Stops listening, then stores what was received (resolves once it is stored or given up). */
  async close(): Promise<void> {
    this.closing = true;
    await this.stopListening();
    await this.batcher.flush();
    this.batcher.dispose();
    await this.problems.flush();
  }

  private async listen(): Promise<void> {
    const { protocol, port, host } = this.settings;
    const failed = (error: NodeJS.ErrnoException) =>
      new UserInputError(
        error.code === "EADDRINUSE"
          ? `Cannot receive syslog on ${protocol} ${host}:${port}: another program (or stream) already listens there.`
          : `Cannot receive syslog on ${protocol} ${host}:${port}: ${error.message}.`,
      );
    if (protocol === "udp") {
      const udp = createSocket({ type: isIPv6(host) ? "udp6" : "udp4" });
      udp.on("message", (datagram: Buffer) => this.take(trimEnd(datagram)));
      await new Promise<void>((done, fail) => {
        udp.once("error", (error) => fail(failed(error)));
        udp.bind(port, host, () => done());
      });
      udp.on("error", () => undefined);
      this.udp = udp;
      return;
    }
    const server = createServer((socket) => this.connection(socket));
    server.maxConnections = MAX_CONNECTIONS;
    await new Promise<void>((done, fail) => {
      server.once("error", (error) => fail(failed(error)));
      server.listen({ port, host }, () => done());
    });
    server.on("error", () => undefined);
    this.tcp = server;
  }

  private connection(socket: Socket): void {
    this.sockets.add(socket);
    const framer = new SyslogFramer();
    const sink: FrameSink = { message: (frame) => this.take(frame), bad: (reason) => this.refuse(reason) };
    socket.on("data", (chunk: Buffer) => {
      framer.push(chunk, sink);
      // A whole batch waits behind the append under way: read no more until it is taken.
      if (this.batcher.full && !this.closing) {
        socket.pause();
        this.paused.add(socket);
      }
    });
    socket.on("end", () => framer.end(sink));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      this.sockets.delete(socket);
      this.paused.delete(socket);
    });
  }

  private take(message: Buffer): void {
    if (this.stopped) return;
    const result = syslogLine(message, this.target);
    if ("problem" in result) {
      this.refuse(result.problem);
      return;
    }
    if (this.batcher.add(result.line)) this.counts.messages++;
  }

  private refuse(reason: string): void {
    this.counts.refused++;
    this.problems.report(`${this.label} refused ${plural(this.counts.refused, "message")} so far; the last was ${reason}.`);
  }

  /** Appends one batch, trying again while the store fails; gives up once the stream is stopped or gone. */
  private async send(lines: Buffer, count: number): Promise<void> {
    for (;;) {
      try {
        const live = await openLiveStream(this.streamId);
        await live.append(lines);
        return;
      } catch (error) {
        if (error instanceof BusyStreamError) {
          await sleep(50);
          continue;
        }
        const stream = await getStream(this.streamId).catch(() => undefined);
        const ended = stream === null || stream?.state === "stopped";
        if (ended || isUserInputError(error)) {
          // Nothing can take lines any more: stop listening rather than refuse every message from now on.
          // A stopped stream needs no sentence; one that cannot open (its model deleted) says why.
          if (!ended && isUserInputError(error)) this.problems.report(error.message);
          this.stopped = true;
          void this.stopListening();
          throw error;
        }
        const why = error instanceof Error ? error.message : String(error);
        this.problems.report(`${this.label} could not store ${plural(count, "line")} (${why.replace(/\.$/, "")}); it tries again every second.`);
        if (this.closing) throw error;
        await sleep(1000);
      }
    }
  }

  private async stopListening(): Promise<void> {
    const tcp = this.tcp;
    const udp = this.udp;
    this.tcp = null;
    this.udp = null;
    for (const socket of this.sockets) socket.destroy();
    this.paused.clear();
    if (tcp) await new Promise<void>((done) => tcp.close(() => done()));
    if (udp) await new Promise<void>((done) => udp.close(() => done()));
  }
}

/** Refuses, in one sentence, a port outside LOGSCOPE_SYSLOG_PORTS (whether another program holds it shows only on listening). */
export function checkSyslogPort(port: number): void {
  const allowed = config().streams.syslogPorts;
  if (!allowed.includes(port)) {
    throw new UserInputError(`Port ${port} is not one of LOGSCOPE_SYSLOG_PORTS (${allowed.length > 0 ? allowed.join(", ") : "none are set"}): add it there or choose one of them.`);
  }
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
}
