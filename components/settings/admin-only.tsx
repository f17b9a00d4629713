"use client";

import type { ReactNode } from "react";
import { useSessionInfo } from "@/lib/hooks/use-session-info";

/** Renders its children for admins (and everyone with UI_AUTH=off); viewers see none of it. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { data } = useSessionInfo();
  return data?.admin ? children : null;
}
