import { test } from "node:test";
import assert from "node:assert/strict";
import { COMBINE_MODES, FEATURE_SETS } from "@/lib/domain/types";
import { EXTENDED_TRIM_FRACTION, planTraining, SCORE_RANKING_EPOCHS as PIPELINE_RANKING } from "@/lib/pipeline/train-phases";
import { epochsNote, rankingEpochs, SCORE_RANKING_EPOCHS, SECOND_PASS_TRIM, totalEpochs } from "@/lib/ui/autoencoder-epochs";

test("the form's count of autoencoder epochs agrees with the pipeline's training plan", () => {
  for (const features of FEATURE_SETS) {
    for (const combine of COMBINE_MODES) {
      const plan = planTraining({ features, combine });
      const pipeline = plan.trimFraction === 0 ? 0 : plan.rankingEpochs || 20;
      assert.equal(rankingEpochs(features, combine, 20), pipeline, `${features} ${combine}`);
    }
  }
  assert.equal(SCORE_RANKING_EPOCHS, PIPELINE_RANKING);
  assert.equal(SECOND_PASS_TRIM, EXTENDED_TRIM_FRACTION);
});

test("an extended run trains a ranking pass on top of the typed epochs, short with the combined score, and the form says so as the progress counts them", () => {
  assert.equal(totalEpochs("extended", "score", "20"), 25);
  assert.equal(totalEpochs("extended", "vote", "20"), 40);
  assert.equal(totalEpochs("seed", "score", "20"), 20);
  assert.equal(totalEpochs("seed", "vote", "2.5"), null);
  assert.equal(
    epochsNote("extended", "score", "20"),
    "Extended features train it twice, 5 epochs to find the 10% of windows it reconstructs worst, then 20 without them: 25 epochs in all, as the progress counts them.",
  );
  assert.equal(
    epochsNote("extended", "vote", "20"),
    "Extended features train it twice, 20 epochs to find the 10% of windows it reconstructs worst, then 20 without them: 40 epochs in all, as the progress counts them.",
  );
  assert.equal(epochsNote("seed", "vote", "20"), null);
  assert.equal(epochsNote("extended", "score", "many"), null);
});
