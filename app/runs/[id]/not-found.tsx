import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export default function RunNotFound() {
  return (
    <Card>
      <EmptyState
        title="No such run or window"
        action={
          <div className="flex gap-2">
            <ButtonLink href="/" variant="primary">All runs</ButtonLink>
            <ButtonLink href="/runs/new">New run</ButtonLink>
          </div>
        }
      >
        The run or window in this address does not exist — it may have been deleted, or the link is mistyped.
      </EmptyState>
    </Card>
  );
}
