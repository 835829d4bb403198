"use client";

import { useRef, useState, type DragEvent } from "react";
import { Button } from "@/components/ui/button";
import { FileIcon, UploadIcon } from "@/components/ui/icons";
import { ProgressBar } from "@/components/ui/progress-bar";
import { formatBytes, formatCount } from "@/lib/ui/format";

export interface UploadedLog {
  logFileId: number;
  name: string;
  size: number;
  lines?: number;
}

type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; name: string; loaded: number; total: number }
  | { phase: "processing"; name: string; total: number }
  | { phase: "failed"; name: string; message: string };

interface UploadDropzoneProps {
  file: UploadedLog | null;
  onUploaded: (file: UploadedLog | null) => void;
  disabled?: boolean;
}

/**
 * Drag-and-drop or pick a log; it goes up with XMLHttpRequest (fetch reports no upload progress)
 * as multipart field `file` to POST /api/uploads, which streams it to disk and answers with the
 * stored log file's id.
 */
export function UploadDropzone({ file, onUploaded, disabled }: UploadDropzoneProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const [dragging, setDragging] = useState(false);
  const busy = state.phase === "uploading" || state.phase === "processing";

  const upload = (picked: File) => {
    const form = new FormData();
    form.set("file", picked, picked.name);
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    onUploaded(null);
    setState({ phase: "uploading", name: picked.name, loaded: 0, total: picked.size });
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) setState({ phase: "uploading", name: picked.name, loaded: event.loaded, total: event.total });
    };
    xhr.upload.onload = () => setState({ phase: "processing", name: picked.name, total: picked.size });
    xhr.onload = () => {
      xhrRef.current = null;
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // handled below as a generic failure
      }
      if (xhr.status >= 200 && xhr.status < 300 && typeof body.logFileId === "number") {
        setState({ phase: "idle" });
        onUploaded({
          logFileId: body.logFileId,
          name: typeof body.name === "string" ? body.name : picked.name,
          size: typeof body.size === "number" ? body.size : picked.size,
          lines: typeof body.lines === "number" ? body.lines : undefined,
        });
        return;
      }
      const message = typeof body.error === "string" ? body.error : `The upload failed (HTTP ${xhr.status}).`;
      setState({ phase: "failed", name: picked.name, message });
    };
    xhr.onerror = () => {
      xhrRef.current = null;
      setState({ phase: "failed", name: picked.name, message: "The server could not be reached; check the connection and try again." });
    };
    xhr.onabort = () => {
      xhrRef.current = null;
      setState({ phase: "idle" });
    };
    xhr.open("POST", "/api/uploads");
    xhr.send(form);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const picked = event.dataTransfer.files[0];
    if (picked && !busy && !disabled) upload(picked);
  };

  return (
    <div>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          if (!busy && !disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex items-center gap-4 rounded-lg border-2 border-dashed px-5 py-5 transition-colors ${
          dragging ? "border-blue-500 bg-blue-50/60" : file ? "border-emerald-300 bg-emerald-50/40" : "border-slate-300 bg-slate-50/60"
        }`}
      >
        <div className={`flex h-11 w-11 shrink-0 items-center justify-center rounded-lg ${file ? "bg-emerald-100 text-emerald-700" : "bg-white text-slate-500 ring-1 ring-slate-200"}`}>
          {file ? <FileIcon size={20} /> : <UploadIcon size={20} />}
        </div>
        <div className="min-w-0 flex-1">
          {file ? (
            <>
              <div className="truncate text-sm font-medium text-slate-900">{file.name}</div>
              <div className="tabular text-xs text-slate-500">
                {formatBytes(file.size)}
                {file.lines !== undefined && ` · ${formatCount(file.lines)} lines`} · stored as log file #{file.logFileId}
              </div>
            </>
          ) : state.phase === "uploading" || state.phase === "processing" ? (
            <>
              <div className="flex items-baseline justify-between gap-3 text-sm">
                <span className="truncate font-medium text-slate-900">{state.name}</span>
                <span className="tabular shrink-0 text-xs text-slate-500">
                  {state.phase === "uploading"
                    ? `${formatBytes(state.loaded)} of ${formatBytes(state.total)} · ${Math.floor((state.loaded / Math.max(state.total, 1)) * 100)}%`
                    : "Checking the file…"}
                </span>
              </div>
              <div className="mt-2">
                <ProgressBar
                  value={state.phase === "uploading" ? state.loaded / Math.max(state.total, 1) : null}
                  label={`Uploading ${state.name}`}
                  size="sm"
                />
              </div>
            </>
          ) : (
            <>
              <div className="text-sm font-medium text-slate-900">Drop a log file here</div>
              <div className="text-xs text-slate-500">Plain text in a common format: syslog, JSON lines, access logs, container logs, W3C, or a Loghub log</div>
            </>
          )}
        </div>
        <input
          ref={inputRef}
          type="file"
          className="sr-only"
          aria-label="Choose a log file to upload"
          disabled={busy || disabled}
          onChange={(event) => {
            const picked = event.target.files?.[0];
            event.target.value = "";
            if (picked) upload(picked);
          }}
        />
        {busy ? (
          <Button size="sm" onClick={() => xhrRef.current?.abort()} disabled={state.phase === "processing"}>
            Cancel
          </Button>
        ) : (
          <Button size="sm" onClick={() => inputRef.current?.click()} disabled={disabled}>
            {file ? "Choose another" : "Choose file"}
          </Button>
        )}
      </div>
      {state.phase === "failed" && (
        <p role="alert" className="mt-2 text-sm text-red-600">
          {/* The server's messages usually name the file already; say it once. */}
          {state.message.includes(state.name) ? state.message : `${state.name}: ${state.message}`}
        </p>
      )}
    </div>
  );
}
