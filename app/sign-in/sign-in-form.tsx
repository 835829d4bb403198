"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { IDLE_ACTION, fieldErrors, type ActionState } from "@/lib/domain/action-state";
import { signInAction } from "./actions";

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-blue-600 focus:outline-none";

/** Name and password; on success the action redirects to `next`. */
export function SignInForm({ next }: { next: string }) {
  const [state, submit, pending] = useActionState<ActionState, FormData>(signInAction, IDLE_ACTION);
  // Controlled: React resets a form's fields after its action, and a wrong password should not cost the name too.
  const [name, setName] = useState("");
  const errors = fieldErrors(state);
  return (
    <form action={submit} className="space-y-4 p-6">
      <input type="hidden" name="next" value={next} />
      <label className="block text-sm font-medium text-slate-700">
        User name
        <input name="name" autoComplete="username" required value={name} onChange={(e) => setName(e.target.value)} className={INPUT} aria-invalid={errors.name !== undefined} />
        {errors.name && <span className="mt-1 block text-xs text-red-600">{errors.name}</span>}
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={INPUT} aria-invalid={errors.password !== undefined} />
        {errors.password && <span className="mt-1 block text-xs text-red-600">{errors.password}</span>}
      </label>
      {state.status === "error" && (
        <p role="alert" className="text-sm text-red-600">
          {state.message}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
