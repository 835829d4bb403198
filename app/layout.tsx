import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Logscope", template: "%s · Logscope" },
  description: "Log anomaly detection studio: Isolation Forest, DBSCAN and an autoencoder vote on every time window.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#content"
          className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-blue-700 focus:shadow-md"
        >
          Skip to content
        </a>
        <AppHeader />
        <main id="content" tabIndex={-1} className="mx-auto w-full max-w-[1440px] px-4 pb-16 pt-6 outline-none sm:px-6">
          {children}
        </main>
      </body>
    </html>
  );
}
