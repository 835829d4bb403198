/** Shown while a large run's windows are read (a 50k-window run takes a moment the first time). */
export function RunSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the run" className="animate-pulse">
      <div className="mb-5 h-[84px] rounded-lg bg-slate-200/70" />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_312px]">
        <div className="min-w-0 space-y-5">
          <div className="h-[440px] rounded-lg bg-slate-200/70" />
          <div className="h-[260px] rounded-lg bg-slate-200/70" />
        </div>
        <div className="h-[640px] rounded-lg bg-slate-200/70" />
      </div>
    </div>
  );
}
