import { test } from "node:test";
import assert from "node:assert/strict";
import { FEATURE_SETS } from "@/lib/domain/types";
import { EXTENDED_TRIM_FRACTION, planTraining } from "@/lib/pipeline/train-phases";
import { AUTOENCODER_PASSES, epochsNote, SECOND_PASS_TRIM, totalEpochs } from "@/lib/ui/autoencoder-epochs";

test("the form's count of autoencoder passes agrees with the pipeline's training plan", () => {
  for (const features of FEATURE_SETS) {
    assert.equal(AUTOENCODER_PASSES[features], planTraining({ features }).trimFraction > 0 ? 2 : 1, features);
  }
  assert.equal(SECOND_PASS_TRIM, EXTENDED_TRIM_FRACTION);
});

test("an extended run trains twice the typed epochs, and the form says so as the progress counts them", () => {
  assert.equal(totalEpochs("extended", "20"), 40);
  assert.equal(totalEpochs("seed", "20"), 20);
  assert.equal(totalEpochs("seed", "2.5"), null);
  assert.equal(
    epochsNote("extended", "20"),
    "Extended features train it twice, 20 epochs then 20 more without the 10% of windows it reconstructs worst: 40 epochs in all, as the progress counts them.",
  );
  assert.equal(epochsNote("seed", "20"), null);
  assert.equal(epochsNote("extended", "many"), null);
});
