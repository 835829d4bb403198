import Link from "next/link";
import { signOutAction } from "@/app/sign-in/actions";
import { signedInAccount } from "@/lib/server/auth/signed-in-account";
import { NavLinks } from "./nav-links";

/**
 * The bar on every page: product mark, the three places an analyst goes, what the product runs,
 * and, when this browser is signed in, who it is with a Sign out button.
 */
export async function AppHeader() {
  const account = await signedInAccount();
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 w-full max-w-[1440px] items-center gap-4 px-4 sm:gap-8 sm:px-6">
        <Link href="/" aria-label="Logscope" className="flex shrink-0 items-center gap-2.5 font-semibold tracking-tight text-slate-900">
          <LogoMark />
          <span className="hidden text-[15px] sm:inline">Logscope</span>
        </Link>
        <NavLinks />
        <div className="ml-auto hidden items-center gap-3 text-xs text-slate-500 lg:flex">
          <span className="inline-flex items-center gap-1.5"><span className="h-2 w-2 rounded-full bg-if" />Isolation Forest</span>
          <span className="inline-flex items-center gap-1.5"><span className="h-2 w-2 rotate-45 bg-db" />DBSCAN</span>
          <span className="inline-flex items-center gap-1.5"><span className="h-2 w-2 bg-ae" />Autoencoder</span>
        </div>
        {account && (
          <form action={signOutAction} className="ml-auto flex items-center gap-2 text-xs text-slate-600 lg:ml-0">
            <span className="hidden sm:inline">{account.name}</span>
            <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 font-medium text-slate-700 hover:bg-slate-50">
              Sign out
            </button>
          </form>
        )}
      </div>
    </header>
  );
}

function LogoMark() {
  return (
    <svg width="26" height="26" viewBox="0 0 26 26" aria-hidden="true">
      <rect width="26" height="26" rx="6" fill="#0f172a" />
      <polyline points="4,17 8,15 11,16 14,7 17,14 20,12 22,13" fill="none" stroke="#60a5fa" strokeWidth="2" strokeLinejoin="round" strokeLinecap="round" />
      <circle cx="14" cy="7" r="2.4" fill="#f87171" />
    </svg>
  );
}
