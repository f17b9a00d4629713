// Where /login?next=… sends the browser after signing in: only a path on this site ("/traces?…"),
// never another origin ("//evil.example", "https://…", "/\\evil"), so the link cannot be used to
// bounce a user elsewhere (open redirect).
export function signInNext(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next.startsWith("/login") || next.startsWith("/setup")) return "/";
  return next;
}
