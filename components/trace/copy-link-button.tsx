"use client";

import { useEffect, useState } from "react";

type CopyState = "idle" | "copied" | "failed";

interface CopyLinkButtonProps {
  /** the link, or a function giving it at click time (a pinned window ends "now") */
  href: string | (() => string);
  label?: string;
  title?: string;
}

/** Copies `href` (resolved against this page's origin) and says "Copied" for a moment. */
export function CopyLinkButton({ href, label = "Copy link", title }: CopyLinkButtonProps) {
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const onClick = async () => {
    const url = new URL(typeof href === "function" ? href() : href, window.location.origin).href;
    setState((await copyText(url)) ? "copied" : "failed");
  };

  return (
    <button
      type="button"
      onClick={onClick}
      title={title}
      className="inline-flex items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
    >
      <LinkIcon />
      <span aria-live="polite">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: use the address bar" : label}
      </span>
    </button>
  );
}

/** Copies `text` to the clipboard; false when the browser would not (the caller says so). */
export async function copyText(text: string): Promise<boolean> {
  // navigator.clipboard exists only in secure contexts: a Tracewell reached over plain http on a
  // LAN address has none, hence the selection-based fallback.
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or document not focused: try the fallback.
  }
  const textarea = document.createElement("textarea");
  textarea.value = text;
  textarea.setAttribute("readonly", "");
  textarea.style.position = "fixed";
  textarea.style.opacity = "0";
  document.body.appendChild(textarea);
  const previousFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  try {
    textarea.select();
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    textarea.remove();
    previousFocus?.focus();
  }
}

function LinkIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      className="size-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" />
      <path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />
    </svg>
  );
}
