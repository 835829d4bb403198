// The body of the template-mining thread (template-thread.ts): assigns each batch of messages
// its templates in the order they come, exactly as MessageTemplates would on the parsing thread,
// posts the batch's template ids and flags, and at the end the miner and the templates' examples.
// Bundled on its own as dist/template-thread-worker.cjs (scripts/build-node.ts).
import { parentPort, workerData } from "node:worker_threads";
import { MessageTemplates } from "@/lib/logs/message-templates";
import type { TemplateThreadMessage, TemplateThreadReply, TemplateThreadTask } from "./template-thread";

const port = parentPort;
const task = workerData as TemplateThreadTask | undefined;
if (!port || task === undefined) throw new Error("template-thread-worker runs only as the template-mining thread");

const templates = new MessageTemplates(task.trained, task.masks);
const post = (reply: TemplateThreadReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

port.on("message", (message: TemplateThreadMessage) => {
  if (message.kind === "bytes") {
    const { bytes, ends } = message;
    // Decoded as MessageVocabulary.text decodes: the same strings the parsing thread would mine.
    const texts = new Array<string>(ends.length);
    for (let k = 0, start = 0; k < ends.length; k++) {
      const end = ends[k]!;
      texts[k] = decoder.decode(bytes.subarray(start, end));
      start = end;
    }
    // Nothing is kept per message here; the parsing thread flags error words (ThreadTemplates.assignNew).
    const { templateOf, flags } = templates.mineTexts(texts);
    post({ kind: "assigned", templateOf, flags }, [templateOf.buffer, flags.buffer]);
    return;
  }
  post({ kind: "done", miner: templates.miner.toJSON(), examples: [...templates.exampleTexts] });
  port.close();
});
