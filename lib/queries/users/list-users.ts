// GET /api/users: every user (never a password hash).
export { listUsers } from "@/lib/auth/users";
