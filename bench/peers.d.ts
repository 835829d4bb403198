// The two peer packages ship no type declarations; the benchmark uses only these calls.
declare module "ml-isolation-forest" {
  export class IsolationForest {
    constructor(options?: { nEstimators?: number });
    train(data: number[][]): void;
    predict(data: number[][]): number[];
  }
}

declare module "density-clustering" {
  export class DBSCAN {
    noise: number[];
    run(dataset: number[][], epsilon: number, minPts: number): number[][];
  }
}
