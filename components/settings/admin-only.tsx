"use client";

import type { ReactNode } from "react";
import { useSessionInfo } from "@/lib/hooks/use-session-info";

/**
 * Renders its children for admins (and everyone with UI_AUTH=off); viewers see none of it. While
 * GET /api/auth/session is on its way the children are already mounted but not displayed, so their
 * own requests run alongside it instead of after it (a viewer's are refused by the server anyway).
 */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { data } = useSessionInfo();
  if (data && !data.admin) return null;
  return <div style={{ display: data?.admin ? "contents" : "none" }}>{children}</div>;
}
