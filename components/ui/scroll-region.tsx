import type { ReactNode } from "react";

/**
 * A box that scrolls (sideways on a phone, or a long list) and can be reached and scrolled from the
 * keyboard: a labelled region in the Tab order, with the focus ring inside the box.
 */
export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative focus-visible:outline-offset-[-2px] ${className}`}>
      {children}
    </div>
  );
}
