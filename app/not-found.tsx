import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <Card>
      <EmptyState title="Page not found" action={<ButtonLink href="/" variant="primary">Back to runs</ButtonLink>}>
        Nothing lives at this address.
      </EmptyState>
    </Card>
  );
}
