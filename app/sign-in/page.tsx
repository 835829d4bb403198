import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ADD_ACCOUNT_COMMAND, safeNextPath } from "@/lib/server/auth/auth-policy";
import { signedInAccount } from "@/lib/server/auth/signed-in-account";
import { countUsers } from "@/lib/db/count-users";
import { signOutAction } from "./actions";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Sign-in (and, once signed in, sign-out). Public: lib/server/auth/auth-policy.ts isPublicPath. */
export default async function SignInPage({ searchParams }: Props) {
  const raw = (await searchParams).next;
  const next = safeNextPath(typeof raw === "string" ? raw : undefined);
  const signedIn = await signedInAccount();
  const accounts = signedIn ? 1 : await countUsers();
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Sign in" />
      <Card label="Sign in">
        {signedIn ? (
          <form action={signOutAction} className="flex items-center justify-between gap-4 p-6">
            <p className="text-sm text-slate-700">Signed in as {signedIn.name}.</p>
            <Button type="submit">Sign out</Button>
          </form>
        ) : accounts === 0 ? (
          <p className="p-6 text-sm text-slate-700">
            There are no accounts yet; add one on the server with: <code>{ADD_ACCOUNT_COMMAND}</code>
          </p>
        ) : (
          <SignInForm next={next} />
        )}
      </Card>
    </div>
  );
}
