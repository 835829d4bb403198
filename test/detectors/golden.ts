import fs from "node:fs";

import { FEATURE_NAMES } from "../../lib/logs/types";
import { fixturePath } from "../fixtures/fixture-path";
import { toMatrix } from "../../lib/detectors/matrix";
import type { Matrix } from "../../lib/detectors/types";

export const GOLDEN_SETS = ["linux_2k", "openssh_2k"] as const;

export interface DbscanColumn {
  eps: number;
  minSamples: number;
  noise: number[];
}

export interface GoldenSet {
  name: string;
  features: Matrix;
  scaled: Matrix;
  dbscan: DbscanColumn[];
}

function readCsv(file: string): { header: string[]; rows: string[][] } {
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/).filter((line) => line.length > 0);
  const [head = "", ...rest] = lines;
  return { header: head.split(","), rows: rest.map((line) => line.split(",")) };
}

function pickColumns(csv: { header: string[]; rows: string[][] }, names: readonly string[]): Matrix {
  const idx = names.map((name) => {
    const i = csv.header.indexOf(name);
    if (i < 0) throw new Error(`missing golden column ${name}`);
    return i;
  });
  return toMatrix(csv.rows.map((row) => idx.map((i) => Number(row[i]))));
}

export function loadGolden(name: string): GoldenSet {
  const features = readCsv(fixturePath("golden", `${name}.features.csv`));
  const models = readCsv(fixturePath("golden", `${name}.models.csv`));
  const dbscan = models.header.flatMap((column, i) => {
    const match = /^dbscan_eps([\d.]+)_min(\d+)$/.exec(column);
    if (!match) return [];
    return [{ eps: Number(match[1]), minSamples: Number(match[2]), noise: models.rows.map((row) => Number(row[i])) }];
  });
  return {
    name,
    features: pickColumns(features, FEATURE_NAMES),
    scaled: pickColumns(models, FEATURE_NAMES.map((f) => `scaled_${f}`)),
    dbscan,
  };
}
