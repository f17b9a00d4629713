import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ThemeScript } from "@/components/theme/theme-script";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tracewell", template: "%s · Tracewell" },
  description: "Self-hosted OpenTelemetry trace dashboard",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script adds the `dark` class before hydration; <html> carries no className
    // of its own so that React never resets it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body className="min-h-dvh font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
