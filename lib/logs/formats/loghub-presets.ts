import { templateFormat, type TemplateFormatSettings } from "./logparser-template";
import type { FormatDefinition } from "./types";

/**
 * The 16 Loghub systems as `--format loghub:<Name>`: logparser's published `log_format` for each
 * and its regex masks, exactly as in the Drain benchmark settings of the logpai/logparser
 * repository, `logparser/Drain/benchmark.py` (the same table as the older
 * `benchmark/Drain_benchmark.py`, which spells Android "Andriod"). Apache License 2.0, LOGPAI.
 * Drain's `st` and `depth` are not taken: our miner uses its own defaults for every log.
 *
 * Times, read as docs/pipeline.md §1b says:
 * - Local times without a zone (HDFS, Hadoop, Spark, Zookeeper, Windows, HealthApp, Apache,
 *   OpenStack) are read in `--tz`, UTC by default.
 * - BGL and Thunderbird carry an epoch second in `<Timestamp>`, an absolute instant, and we take it
 *   over their local `<Time>`/`<Date>` columns (BGL's `2005-06-03-15.42.50.675872` is Livermore time,
 *   seven hours behind the epoch column). HPC's `<Time>` is an epoch second too.
 * - Linux, OpenSSH, Mac (`Jul  1 09:00:55`), Android (`03-17 16:13:38.811`) and Proxifier
 *   (`10.30 16:49:06`) write no year: it comes from `--year` (or is inferred, with the December to
 *   January rollover of §1), then `--tz`.
 * Where logparser named a column after something else, `roles` says what it holds.
 */

interface Preset extends TemplateFormatSettings {
  system: string;
  logFormat: string;
  regex: string[];
  summary: string;
}

const PRESETS: Preset[] = [
  {
    system: "HDFS", summary: "Hadoop HDFS DataNode/NameNode logs (yyMMdd HHmmss)",
    logFormat: String.raw`<Date> <Time> <Pid> <Level> <Component>: <Content>`,
    regex: [String.raw`blk_-?\d+`, String.raw`(\d+\.){3}\d+(:\d+)?`],
  },
  {
    system: "Hadoop", summary: "Hadoop MapReduce logs (log4j)",
    logFormat: String.raw`<Date> <Time> <Level> \[<Process>\] <Component>: <Content>`,
    regex: [String.raw`(\d+\.){3}\d+`],
  },
  {
    system: "Spark", summary: "Spark logs (log4j, yy/MM/dd)",
    logFormat: String.raw`<Date> <Time> <Level> <Component>: <Content>`,
    regex: [String.raw`(\d+\.){3}\d+`, String.raw`\b[KGTM]?B\b`, String.raw`([\w-]+\.){2,}[\w-]+`],
  },
  {
    // `<Node>` is the thread (`QuorumPeer[myid=1]/0`), not a host.
    system: "Zookeeper", summary: "ZooKeeper logs (log4j)", roles: { host: null },
    logFormat: String.raw`<Date> <Time> - <Level>  \[<Node>:<Component>@<Id>\] - <Content>`,
    regex: [String.raw`(/|)(\d+\.){3}\d+(:\d+)?`],
  },
  {
    system: "BGL", summary: "Blue Gene/L RAS logs (epoch second in the second column)",
    logFormat: String.raw`<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content>`,
    regex: [String.raw`core\.\d+`],
  },
  {
    system: "HPC", summary: "HPC cluster logs (epoch second in <Time>)",
    logFormat: String.raw`<LogId> <Node> <Component> <State> <Time> <Flag> <Content>`,
    regex: [String.raw`=\d+`],
  },
  {
    // A 4-field prefix, then a whole syslog record; `<User>` is the host that logged it.
    system: "Thunderbird", summary: "Thunderbird supercomputer logs (epoch second, then a syslog record)", roles: { host: "User" },
    logFormat: String.raw`<Label> <Timestamp> <Date> <User> <Month> <Day> <Time> <Location> <Component>(\[<PID>\])?: <Content>`,
    regex: [String.raw`(\d+\.){3}\d+`],
  },
  {
    system: "Windows", summary: "Windows CBS logs",
    logFormat: String.raw`<Date> <Time>, <Level>                  <Component>    <Content>`,
    regex: [String.raw`0x.*?\s`],
  },
  {
    // BSD syslog; logparser calls the host `<Level>`.
    system: "Linux", summary: "Linux syslog (year-less: --year)", roles: { host: "Level", level: null },
    logFormat: String.raw`<Month> <Date> <Time> <Level> <Component>(\[<PID>\])?: <Content>`,
    regex: [String.raw`(\d+\.){3}\d+`, String.raw`\d{2}:\d{2}:\d{2}`],
  },
  {
    system: "Android", summary: "Android logcat, threadtime (year-less: --year)",
    logFormat: String.raw`<Date> <Time>  <Pid>  <Tid> <Level> <Component>: <Content>`,
    regex: [
      String.raw`(/[\w-]+)+`,
      String.raw`([\w-]+\.){2,}[\w-]+`,
      String.raw`\b(\-?\+?\d+)\b|\b0[Xx][a-fA-F\d]+\b|\b[a-fA-F\d]{4,}\b`,
    ],
  },
  {
    system: "HealthApp", summary: "HealthApp logs (yyyyMMdd-HH:mm:ss:SSS)",
    logFormat: String.raw`<Time>\|<Component>\|<Pid>\|<Content>`,
    regex: [],
  },
  {
    system: "Apache", summary: "Apache error logs",
    logFormat: String.raw`\[<Time>\] \[<Level>\] <Content>`,
    regex: [String.raw`(\d+\.){3}\d+`],
  },
  {
    system: "Proxifier", summary: "Proxifier logs (year-less: --year)",
    logFormat: String.raw`\[<Time>\] <Program> - <Content>`,
    regex: [String.raw`<\d+\ssec`, String.raw`([\w-]+\.)+[\w-]+(:\d+)?`, String.raw`\d{2}:\d{2}(:\d{2})*`, String.raw`[KGTM]B`],
  },
  {
    // logparser calls the host `<Component>`; the program is always sshd.
    system: "OpenSSH", summary: "OpenSSH syslog (year-less: --year)", roles: { host: "Component", process: { text: "sshd" } },
    logFormat: String.raw`<Date> <Day> <Time> <Component> sshd\[<Pid>\]: <Content>`,
    regex: [String.raw`(\d+\.){3}\d+`, String.raw`([\w-]+\.){2,}[\w-]+`],
  },
  {
    system: "OpenStack", summary: "OpenStack Nova logs (with the log file name first)",
    logFormat: String.raw`<Logrecord> <Date> <Time> <Pid> <Level> <Component> \[<ADDR>\] <Content>`,
    regex: [String.raw`((\d+\.){3}\d+,?)+`, String.raw`/.+?\s`, String.raw`\d+`],
  },
  {
    // `<User>` is the host (`calvisitor-10-105-160-95`).
    system: "Mac", summary: "macOS system.log (year-less: --year)", roles: { host: "User" },
    logFormat: String.raw`<Month>  <Date> <Time> <User> <Component>\[<PID>\]( \(<Address>\))?: <Content>`,
    regex: [String.raw`([\w-]+\.){2,}[\w-]+`],
  },
];

/** One FormatDefinition per Loghub system, named `loghub:<System>`, in logparser's order. */
export const LOGHUB_PRESETS: readonly FormatDefinition[] = PRESETS.map((p) =>
  templateFormat(p.logFormat, {
    name: `loghub:${p.system}`,
    description: `Loghub ${p.summary}: ${p.logFormat}`,
    masks: p.regex.map((pattern) => ({ pattern })),
    roles: p.roles,
  }),
);
