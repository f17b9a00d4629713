// POST /api/tokens: lib/auth owns the token format and hashing.
export { createApiToken } from "@/lib/auth/api-tokens";
