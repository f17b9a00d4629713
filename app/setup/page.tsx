import type { Metadata } from "next";
import { Suspense } from "react";
import { SetupForm } from "@/components/auth/setup-form";

export const metadata: Metadata = { title: "Set up" };

/** `/setup?token=…`: the one-time link printed at the first start creates the admin. */
export default function SetupPage() {
  return (
    <Suspense>
      <SetupForm />
    </Suspense>
  );
}
