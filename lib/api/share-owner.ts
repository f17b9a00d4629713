// Whose share links a caller may list and revoke: admins (and a UI_AUTH=off setup) every link,
// a viewer only the links they made; an API token or a public caller none (docs/security.md § Roles).
import { isAdministrator, type Principal } from "@/lib/model/principal";

/** `"all"`, a user id (that user's links only), or null (none). */
export type ShareOwnerScope = "all" | { createdBy: string } | null;

export function shareOwnerScope(principal: Principal): ShareOwnerScope {
  if (isAdministrator(principal)) return "all";
  if (principal.kind === "user") return { createdBy: principal.userId };
  return null;
}

/** The user to record as a new link's creator (null when there is no signed-in user). */
export function shareCreator(principal: Principal): string | null {
  return principal.kind === "user" ? principal.userId : null;
}
