// POST /api/auth/logout: ends the session of the request's cookie.
export { endSession as logOut } from "@/lib/auth/sessions";
