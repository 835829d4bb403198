import { calibrateFeature, centredMedianZ, checkTailSpan, FEATURE_TAILS_DEFAULTS, type FeatureTailCalibration } from "./feature-tails";

/**
 * Host tails (issue #12): the feature tails (feature-tails.ts) of one count, each host's alert
 * lines per window (lines with an error word or an error level, lib/logs/types.ts HostAlertLines),
 * against that host's own windows. A window's score is the largest over hosts of the host's robust
 * z and of the centred median of its z (the same span, scale floor and edge rule as the feature
 * tails), increases only: a host falling quiet is the window features' business.
 *
 * Why (held-out evaluation, bench/eval.ts; chosen on the 14 train logs only, by a study kept out of
 * the repository): the misses of the feature tails were episodes on one host of a fleet, such as
 * an account failing sudo and su a few times a minute on one of 40 hosts at night. Fleet-wide
 * counts hide them (failed-auth, error-word and rare-template counts rose 2-6 robust deviations);
 * the host's own count, against its own quiet baseline, does not. Added to the combined score with
 * no new constant (max with the feature tails, cut 10 as before), it raised the mean train F1 from
 * 0.934 to 0.961, flagged no window the combined score did not flag before on any train log but
 * the episodes', and never exceeded 6.5 on an ordinary train window. Taking the hosts' largest
 * count first and its z after (one more feature) gave 0.936: each host needs its own baseline.
 */
export interface HostTailsOptions {
  /** Odd number of windows in the centred median, as FeatureTailsOptions.span. */
  span: number;
}

/** One host's centre and scale on the training windows (0 in the windows it has no alert line). */
export interface HostTailCalibration extends FeatureTailCalibration {
  host: string;
}

export interface HostTailsJSON {
  name: "hostTails";
  options: HostTailsOptions;
  calibrations: HostTailCalibration[];
}

/** A window's alert lines per host (lib/logs HostAlertLines), or nothing when it has none. */
export type WindowHostAlerts = { hosts: readonly string[]; lines: ArrayLike<number> } | undefined;

/** A window's score and the host that gave it (index into `hosts`, -1 when the score is 0). */
export interface HostTailScores {
  scores: Float64Array;
  host: Int32Array;
  hosts: string[];
}

/**
 * A host the training windows never saw: centre 0 and the floor of the scale, sqrt(0 + 1). Its
 * alert lines count as they are: a new host with 12 error lines in a minute scores 12.
 */
export const UNSEEN_HOST: FeatureTailCalibration = { median: 0, scale: 1 };

/** Each host's windows with alert lines: window index and lines, in window order. */
function byHost(windows: readonly WindowHostAlerts[]): Map<string, { at: number[]; lines: number[] }> {
  const hosts = new Map<string, { at: number[]; lines: number[] }>();
  windows.forEach((w, i) => {
    if (w === undefined) return;
    w.hosts.forEach((host, k) => {
      let series = hosts.get(host);
      if (series === undefined) hosts.set(host, (series = { at: [], lines: [] }));
      series.at.push(i);
      series.lines.push(w.lines[k] as number);
    });
  });
  return hosts;
}

/** The host's counts over all `n` windows (0 where it has none). */
function dense(series: { at: number[]; lines: number[] }, n: number): Float64Array {
  const x = new Float64Array(n);
  series.at.forEach((i, k) => (x[i] = series.lines[k] as number));
  return x;
}

export class HostTails {
  readonly options: HostTailsOptions;
  private calibrations = new Map<string, FeatureTailCalibration>();

  constructor(options: Partial<HostTailsOptions> = {}) {
    this.options = { span: FEATURE_TAILS_DEFAULTS.span, ...options };
    checkTailSpan(this.options.span);
  }

  /** Learns each host's median and scale over the training windows, given in any order. */
  fit(windows: readonly WindowHostAlerts[]): this {
    const n = windows.length;
    this.calibrations = new Map();
    for (const [host, series] of byHost(windows)) {
      // Alert lines in fewer than half the windows (the usual case): median and MAD are 0 and only
      // the mean sets the scale, so no array of every window is needed.
      if (2 * series.at.length < n) {
        const sum = series.lines.reduce((a, b) => a + b, 0);
        this.calibrations.set(host, { median: 0, scale: Math.sqrt(sum / n + 1) });
      } else {
        this.calibrations.set(host, calibrateFeature(dense(series, n)));
      }
    }
    return this;
  }

  get fitted(): readonly HostTailCalibration[] {
    return [...this.calibrations].map(([host, c]) => ({ host, ...c }));
  }

  /** Scores windows given in time order (the centred median reads each window's neighbours). */
  score(windows: readonly WindowHostAlerts[]): HostTailScores {
    const n = windows.length;
    const scores = new Float64Array(n);
    const host = new Int32Array(n).fill(-1);
    const hosts: string[] = [];
    const half = this.options.span >> 1;
    const z = new Float64Array(n);
    for (const [name, series] of byHost(windows)) {
      const { median: centre, scale } = this.calibrations.get(name) ?? UNSEEN_HOST;
      const index = hosts.length;
      let gave = false;
      const take = (i: number, value: number) => {
        if (value > (scores[i] as number)) {
          scores[i] = value;
          host[i] = index;
          gave = true;
        }
      };
      // z is the host's robust z in every window. With centre 0 (the usual case) it is 0 where the
      // host has no alert line, and only windows within `half` of one with lines can score above 0:
      // those are all that is visited, and z is 0 again afterwards for the next host.
      const sparse = centre === 0;
      if (!sparse) z.fill(-centre / scale);
      series.at.forEach((i, k) => (z[i] = ((series.lines[k] as number) - centre) / scale));
      const visit = (i: number) => take(i, half > 0 ? Math.max(z[i] as number, centredMedianZ(z, i, half)) : (z[i] as number));
      if (sparse) {
        for (const i of nearby(series.at, half, n)) visit(i);
        for (const i of series.at) z[i] = 0;
      } else {
        for (let i = 0; i < n; i++) visit(i);
        z.fill(0);
      }
      if (gave) hosts.push(name);
    }
    return { scores, host, hosts };
  }

  toJSON(): HostTailsJSON {
    return { name: "hostTails", options: { ...this.options }, calibrations: [...this.fitted] };
  }

  static load(json: HostTailsJSON): HostTails {
    if (json.name !== "hostTails") throw new Error(`expected a hostTails model, got ${String(json.name)}`);
    const model = new HostTails(json.options);
    model.calibrations = new Map(json.calibrations.map(({ host, median, scale }) => [host, { median, scale }]));
    return model;
  }
}

/** The windows within `half` of any in `at` (ascending), each once, ascending. */
function nearby(at: readonly number[], half: number, n: number): number[] {
  const out: number[] = [];
  let next = 0;
  for (const i of at) {
    for (let t = Math.max(next, i - half); t <= Math.min(n - 1, i + half); t++) out.push(t);
    next = Math.max(next, i + half + 1);
  }
  return out;
}
