import type { RunStatus } from "@/lib/domain/types";

const STYLES: Record<RunStatus, { text: string; dot: string; label: string }> = {
  queued: { text: "bg-slate-100 text-slate-700 ring-slate-200", dot: "bg-slate-400", label: "Queued" },
  running: { text: "bg-blue-50 text-blue-700 ring-blue-200", dot: "bg-blue-500 animate-pulse", label: "Running" },
  succeeded: { text: "bg-emerald-50 text-emerald-700 ring-emerald-200", dot: "bg-emerald-500", label: "Succeeded" },
  failed: { text: "bg-red-50 text-red-700 ring-red-200", dot: "bg-red-500", label: "Failed" },
  cancelled: { text: "bg-amber-50 text-amber-800 ring-amber-200", dot: "bg-amber-500", label: "Cancelled" },
  live: { text: "bg-violet-50 text-violet-700 ring-violet-200", dot: "bg-violet-500 animate-pulse", label: "Live" },
};

export function StatusBadge({ status }: { status: RunStatus }) {
  const style = STYLES[status];
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.text}`}>
      <span className={`h-1.5 w-1.5 rounded-full ${style.dot}`} aria-hidden="true" />
      {style.label}
    </span>
  );
}
