interface ProgressBarProps {
  /** 0..1; null = indeterminate (queued). */
  value: number | null;
  label: string;
  size?: "sm" | "md";
  tone?: "blue" | "red" | "slate";
}

const TONES = { blue: "bg-blue-600", red: "bg-red-500", slate: "bg-slate-400" };

export function ProgressBar({ value, label, size = "md", tone = "blue" }: ProgressBarProps) {
  const percent = value === null ? null : Math.round(Math.min(Math.max(value, 0), 1) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      className={`relative w-full overflow-hidden rounded-full bg-slate-200 ${size === "sm" ? "h-1.5" : "h-2"}`}
    >
      {percent === null ? (
        <div className={`absolute inset-y-0 w-1/3 animate-pulse rounded-full ${TONES.slate}`} />
      ) : (
        <div className={`h-full rounded-full transition-[width] duration-500 ${TONES[tone]}`} style={{ width: `${percent}%` }} />
      )}
    </div>
  );
}
