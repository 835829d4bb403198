import { MODEL_TEXT } from "./model-text";
import { MODEL_STYLE, type LabelKey } from "@/lib/ui/model-style";

/** The model's marker shape as a tiny SVG, matching its timeline points. */
export function ModelMarker({ model, size = 10, muted = false }: { model: LabelKey; size?: number; muted?: boolean }) {
  const { color, shape } = MODEL_STYLE[model];
  const fill = muted ? "#cbd5e1" : color;
  const s = size;
  let body;
  if (shape === "triangle") body = <polygon points={`${s / 2},0.5 ${s - 0.5},${s - 0.5} 0.5,${s - 0.5}`} fill={fill} />;
  else if (shape === "rectRot") body = <polygon points={`${s / 2},0 ${s},${s / 2} ${s / 2},${s} 0,${s / 2}`} fill={fill} />;
  else if (shape === "rect") body = <rect x={1} y={1} width={s - 2} height={s - 2} fill={fill} />;
  else body = <circle cx={s / 2} cy={s / 2} r={s / 2 - 1.5} fill="none" stroke={fill} strokeWidth={2} />;
  return (
    <svg width={s} height={s} viewBox={`0 0 ${s} ${s}`} aria-hidden="true" className="shrink-0">
      {body}
    </svg>
  );
}

/** A label badge: the model's marker and short name, greyed out when the model does not flag the window. */
export function ModelFlag({ model, on, compact = false }: { model: LabelKey; on: boolean; compact?: boolean }) {
  const style = MODEL_STYLE[model];
  if (compact) {
    return (
      <span
        title={`${style.name}: ${on ? "anomalous" : "normal"}`}
        className="inline-flex h-5 w-5 items-center justify-center rounded"
        style={on ? { backgroundColor: style.tint } : undefined}
      >
        <ModelMarker model={model} size={9} muted={!on} />
        <span className="sr-only">{`${style.name}: ${on ? "anomalous" : "normal"}`}</span>
      </span>
    );
  }
  return (
    <span
      title={`${style.name}: ${on ? "anomalous" : "normal"}`}
      className={`inline-flex h-5 items-center gap-1 rounded px-1 text-[10.5px] font-semibold ${on ? "" : "text-slate-300"}`}
      style={on ? { backgroundColor: style.tint, color: MODEL_TEXT[model] } : undefined}
    >
      <ModelMarker model={model} size={8} muted={!on} />
      {style.short}
      <span className="sr-only">{on ? " anomalous" : " normal"}</span>
    </span>
  );
}
