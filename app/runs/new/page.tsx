import type { Metadata } from "next";
import { NewRunFlow } from "@/components/new-run/new-run-flow";
import type { UploadedLog } from "@/components/new-run/upload-dropzone";
import { PageHeader } from "@/components/ui/page-header";
import { getRun } from "@/lib/db/get-run";
import { requestedParams } from "@/lib/domain/run-params";
import { listFormats } from "@/lib/logs/formats/registry";
import { initialParamValues } from "@/lib/ui/param-fields";
import { decodeCompare } from "@/lib/ui/url-state";
import { requirePageAccess } from "@/lib/server/auth/require-page-access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New run" };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** `?from=<runId>` re-runs that run's log with its parameters prefilled. */
export default async function NewRunPage({ searchParams }: Props) {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  await requirePageAccess("/runs/new");
  const query = await searchParams;
  const fromId = decodeCompare({ a: query.from }).a;
  const previous = fromId === undefined ? null : await getRun(fromId);
  const file: UploadedLog | null = previous
    ? { logFileId: previous.logFileId, name: previous.logFile.originalName, size: previous.logFile.size, lines: previous.logFile.lines }
    : null;
  // A re-run asks for what the analyst asked for: "auto" stays auto rather than the value it chose,
  // and an inferred year stays blank (inferred again) rather than the year it chose.
  const values = initialParamValues(previous ? requestedParams(previous.params) : null);
  return (
    <>
      <PageHeader
        title={previous ? `Re-run ${previous.logFile.originalName}` : "New run"}
        eyebrow={previous ? `From run #${previous.id}` : undefined}
        description="Read a log in any common format into time windows, then train Isolation Forest, DBSCAN and an autoencoder on them."
      />
      <NewRunFlow
        initialFile={file}
        initialValues={values}
        origin={previous ? `The log of run #${previous.id}, already stored — or upload another one.` : null}
        formats={listFormats()}
      />
    </>
  );
}
