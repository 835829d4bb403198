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
        <AppHeader />
        <main className="mx-auto w-full max-w-[1440px] px-6 pb-16 pt-6">{children}</main>
      </body>
    </html>
  );
}
