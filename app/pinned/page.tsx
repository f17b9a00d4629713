import type { Metadata } from "next";
import { AppHeader } from "@/components/layout/app-header";
import { PinnedList } from "@/components/pins/pinned-list";

export const metadata: Metadata = { title: "Pinned traces" };

/** `/pinned`: traces kept past retention, with their notes (GET /api/pins). */
export default function PinnedPage() {
  return (
    <>
      <AppHeader />
      <PinnedList />
    </>
  );
}
