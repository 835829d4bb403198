"use client";

import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/** Anything a page throws (database busy or unavailable, most likely) lands here with a way back. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const safe = error.name === "DatabaseError" ? error.message : "Something went wrong while loading this page.";
  return (
    <Card>
      <EmptyState
        title="This page could not be loaded"
        action={
          <div className="flex gap-2">
            <Button variant="primary" onClick={reset}>Try again</Button>
            <ButtonLink href="/">All runs</ButtonLink>
          </div>
        }
      >
        {safe}
        {error.digest && <span className="mt-2 block text-xs text-slate-500">Reference {error.digest}</span>}
      </EmptyState>
    </Card>
  );
}
