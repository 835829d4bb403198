import { test } from "node:test";
import assert from "node:assert/strict";
import { actionError, actionOk, fieldErrors, IDLE_ACTION } from "@/lib/domain/action-state";
import { runAction } from "@/lib/server/http/run-action";
import { ServiceError } from "@/lib/server/http/service-error";
import { UploadRefusedError } from "@/lib/server/uploads/upload-refused";

test("an action's state is idle, done with the run concerned, or refused with messages per field", () => {
  assert.deepEqual(IDLE_ACTION, { status: "idle" });
  assert.deepEqual(actionOk("Run 3 is queued.", 3), { status: "ok", message: "Run 3 is queued.", runId: 3 });
  assert.deepEqual(actionOk("Saved."), { status: "ok", message: "Saved." });
  const refused = actionError("Votes must be 1, 2 or 3.", { votes: "votes must be 1, 2 or 3" });
  assert.deepEqual(fieldErrors(refused), { votes: "votes must be 1, 2 or 3" });
  assert.deepEqual(fieldErrors(IDLE_ACTION), {});
});

test("a failing action answers a refused state with the safe sentence, a refused upload beside the log field", async () => {
  const invalid = await runAction("test", async () => {
    throw new ServiceError(400, "Eps must be greater than 0.", { eps: "eps must be greater than 0" });
  });
  assert.deepEqual(invalid, { status: "error", message: "Eps must be greater than 0.", errors: { eps: "eps must be greater than 0" } });
  const tooBig = await runAction("test", async () => {
    throw new UploadRefusedError(413, "big.log is larger than the upload limit of 2 GiB.");
  });
  assert.deepEqual(fieldErrors(tooBig), { logFileId: "big.log is larger than the upload limit of 2 GiB." });
});
