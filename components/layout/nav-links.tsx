"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Runs", active: (p: string) => p === "/" || (p.startsWith("/runs/") && p !== "/runs/new") },
  { href: "/runs/new", label: "New run", active: (p: string) => p === "/runs/new" },
  { href: "/compare", label: "Compare", active: (p: string) => p.startsWith("/compare") },
];

export function NavLinks() {
  const pathname = usePathname() ?? "/";
  return (
    <nav aria-label="Main" className="flex h-full items-stretch gap-1">
      {LINKS.map((link) => {
        const active = link.active(pathname);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`relative flex items-center whitespace-nowrap px-2 text-sm sm:px-3 font-medium transition-colors ${
              active ? "text-slate-900" : "text-slate-500 hover:text-slate-800"
            }`}
          >
            {link.label}
            {active && <span className="absolute inset-x-2 bottom-0 sm:inset-x-3 h-0.5 rounded-full bg-blue-600" />}
          </Link>
        );
      })}
    </nav>
  );
}
