import { test } from "node:test";
import assert from "node:assert/strict";
import { FEATURE_SETS } from "@/lib/domain/types";
import { EXTENDED_TRIM_FRACTION, planTraining } from "@/lib/pipeline/train-phases";
import { epochsNote, RANKING_EPOCHS, SECOND_PASS_TRIM, totalEpochs } from "@/lib/ui/autoencoder-epochs";

test("the form's count of autoencoder epochs agrees with the pipeline's training plan", () => {
  for (const features of FEATURE_SETS) {
    const plan = planTraining({ features });
    assert.equal(RANKING_EPOCHS[features], plan.trimFraction > 0 ? plan.rankingEpochs : 0, features);
  }
  assert.equal(SECOND_PASS_TRIM, EXTENDED_TRIM_FRACTION);
});

test("an extended run trains the ranking epochs on top of the typed ones, and the form says so as the progress counts them", () => {
  assert.equal(totalEpochs("extended", "20"), 25);
  assert.equal(totalEpochs("seed", "20"), 20);
  assert.equal(totalEpochs("seed", "2.5"), null);
  assert.equal(
    epochsNote("extended", "20"),
    "Extended features train it twice, 5 epochs to find the 10% of windows it reconstructs worst, then 20 without them: 25 epochs in all, as the progress counts them.",
  );
  assert.equal(epochsNote("seed", "20"), null);
  assert.equal(epochsNote("extended", "many"), null);
});
