// Users, sessions and read-only API tokens (docs/api.md § Users and sessions, docs/security.md):
// POST /api/auth/login|setup|logout, GET /api/auth/session, /api/users, /api/sessions, /api/tokens.
import { z } from "zod";
import { createdKeySchema, createKeyRequestSchema, ingestKeySchema } from "@/lib/contracts/key-schemas";
import { USER_ROLES } from "@/lib/model/principal";

const MIN_PASSWORD = 12;
const email = z.string().trim().toLowerCase().email("give an email address like ops@example.com").max(320);
const newPassword = z
  .string()
  .min(MIN_PASSWORD, `the password must be at least ${MIN_PASSWORD} characters long`)
  .max(1024, "the password must be at most 1024 characters long");

export const loginRequestSchema = z.object({
  email: z.string().trim().min(1, "give the account's email").max(320),
  password: z.string().min(1, "give the password").max(1024),
});

export const setupRequestSchema = z.object({
  token: z.string().min(1, "open the setup link printed at start; it carries the token"),
  email,
  password: newPassword,
});

export const createUserRequestSchema = z.object({
  email,
  password: newPassword,
  role: z.enum(USER_ROLES, { message: 'role is "admin" or "viewer"' }),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(USER_ROLES),
  createdAt: z.string(),
});
export type UserInfo = z.infer<typeof userSchema>;
export const usersResponseSchema = z.object({ users: z.array(userSchema) });
export type UsersResponse = z.infer<typeof usersResponseSchema>;

/** GET /api/auth/session: who the dashboard is showing, and whether sign-in is on at all. */
export const sessionInfoSchema = z.object({
  uiAuth: z.enum(["on", "off"]),
  /** null when UI_AUTH=off or the caller is an API token */
  user: userSchema.nullable(),
  /** what this caller may do: admins (and anyone with UI_AUTH=off) manage users, keys, tokens */
  admin: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const sessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  email: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastSeenAt: z.string(),
  userAgent: z.string().nullable(),
  address: z.string().nullable(),
  /** the session this request was made with */
  current: z.boolean(),
});
export type SessionListEntry = z.infer<typeof sessionSchema>;
export const sessionsResponseSchema = z.object({ sessions: z.array(sessionSchema) });
export type SessionsResponse = z.infer<typeof sessionsResponseSchema>;

/** A read-only API token as listed: the same shape as an ingest key (name, prefix, dates). */
export const apiTokenSchema = ingestKeySchema;
export type ApiTokenInfo = z.infer<typeof apiTokenSchema>;
export const apiTokensResponseSchema = z.object({ tokens: z.array(apiTokenSchema) });
export type ApiTokensResponse = z.infer<typeof apiTokensResponseSchema>;

/** 201 of POST /api/tokens: the only answer that carries the token itself. */
export const createdApiTokenSchema = createdKeySchema.omit({ key: true }).extend({ token: z.string() });
export type CreatedApiTokenResponse = z.infer<typeof createdApiTokenSchema>;

export const createApiTokenRequestSchema = createKeyRequestSchema.extend({
  name: z.string().trim().min(1, "name the token (e.g. the CI job that reads with it)").max(100),
});
