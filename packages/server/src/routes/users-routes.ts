import { listUsers, type UserRow } from '@netra/db';
import {
  createUser,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  type UpdateUserInput,
  type UserActor,
  updateUserAccount as updateUserService,
} from '@netra/users';
import { z } from 'zod';
import { ROLES, type Role } from '../auth/roles.ts';
import { logStaffListRead } from '../cases/privacy-service.ts';
import { defineRoute, type RouteContext, requireUser, type SessionUser } from '../http/route.ts';
import type { Messages } from '../i18n/messages.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { layout } from '../ui/layout.ts';
import { zonedTime } from '../ui/zoned-time.ts';

const roleSchema = z.enum(ROLES as unknown as [Role, ...Role[]]);
const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'only letters, digits, dot, underscore and dash');
const displayNameSchema = z.string().trim().min(1).max(200);
/** A new password: long enough, not on the common-password list, not repetitive or a keyboard sequence. */
const passwordSchema = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const createBody = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    role: roleSchema,
    password: passwordSchema,
  })
  .superRefine((b, ctx) => {
    const problem = passwordProblem(b.password, b.username);
    if (problem && !passwordProblem(b.password)) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

const patchBody = z
  .object({
    displayName: displayNameSchema.optional(),
    role: roleSchema.optional(),
    active: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' });

/** The edit form sends strings; an empty password field means "keep the current one". */
const pageUpdateBody = z.object({
  displayName: displayNameSchema,
  role: roleSchema,
  active: z.enum(['true', 'false']),
  password: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      const problem = value ? passwordProblem(value) : null;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});

const idParams = z.object({ id: z.uuid() });

export const userViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  active: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserView = z.infer<typeof userViewSchema>;

/** What leaves the server about a user: never the password hash. */
export function userView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    active: row.active,
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Users are created and changed by the one user service (@netra/users), shared with the CLI and start. */
const createUserAccount = (
  db: Parameters<typeof createUser>[0],
  actor: UserActor,
  input: Parameters<typeof createUser>[2],
) => createUser(db, actor, input);

const updateUserAccount = (
  db: Parameters<typeof updateUserService>[0],
  actor: SessionUser,
  ip: string | null,
  id: string,
  input: UpdateUserInput,
) => updateUserService(db, { ...actor, ip }, id, input);

// ---------------------------------------------------------------------------------------------- pages

const FLASH = { created: 'adminUserCreated', updated: 'adminUserUpdated' } as const satisfies Record<
  string,
  keyof Messages
>;

function roleLabel(t: Messages, role: Role): string {
  const key = `role${role[0]!.toUpperCase()}${role.slice(1)}` as 'roleAdmin';
  return t[key];
}

function roleOptions(t: Messages, selected: Role | null): SafeHtml {
  return html`${[...ROLES]
    .reverse()
    .map((r) => html`<option value="${r}"${r === selected ? html` selected` : ''}>${roleLabel(t, r)}</option>`)}`;
}

function formatTime(value: Date | string | null, lang: 'id' | 'en'): SafeHtml {
  return zonedTime(value, lang);
}

function usersPage(ctx: RouteContext<unknown, { done?: string | undefined }, unknown>, users: UserRow[]): string {
  const { t } = ctx;
  const me = requireUser(ctx);
  const rows = users.map((u) => {
    const self = u.id === me.id;
    return html`<tr${u.active ? '' : html` class="inactive"`}>
  <td><code>${u.username}</code>${self ? html` <small>(${t.adminUserYou})</small>` : ''}</td>
  <td>${u.display_name}</td>
  <td>${roleLabel(t, u.role)}</td>
  <td>${u.active ? t.yes : html`<strong>${t.adminUserInactive}</strong>`}</td>
  <td>${formatTime(u.last_login_at, ctx.lang)}</td>
  <td><details><summary>${t.adminUserEdit}</summary>
    <form method="post" action="/admin/users/${u.id}" class="user-edit">
      <input type="hidden" name="_csrf" value="${me.csrfToken}">
      <label>${t.displayName} <input name="displayName" value="${u.display_name}" required maxlength="200"></label>
      <label>${t.role} <select name="role"${self ? html` disabled` : ''}>${roleOptions(t, u.role)}</select></label>
      ${self ? html`<input type="hidden" name="role" value="${u.role}">` : ''}
      <label>${t.active} <select name="active"${self ? html` disabled` : ''}>
        <option value="true"${u.active ? html` selected` : ''}>${t.yes}</option>
        <option value="false"${u.active ? '' : html` selected`}>${t.no}</option>
      </select></label>
      ${self ? html`<input type="hidden" name="active" value="true"><small>${t.adminUserSelfNote}</small>` : ''}
      <label>${t.adminUserNewPassword} <input type="password" name="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" maxlength="200"></label>
      <button type="submit">${t.save}</button>
    </form></details></td>
</tr>`;
  });
  const flashKey = ctx.query.done && ctx.query.done in FLASH ? FLASH[ctx.query.done as keyof typeof FLASH] : undefined;
  const body = html`<section>
<h2>${t.adminUserList}</h2>
<table>
<thead><tr><th>${t.username}</th><th>${t.displayName}</th><th>${t.role}</th><th>${t.active}</th><th>${t.adminUserLastLogin}</th><th></th></tr></thead>
<tbody>${rows}</tbody>
</table>
</section>
<section>
<h2>${t.userCreate}</h2>
<form method="post" action="/admin/users" class="user-create">
  <input type="hidden" name="_csrf" value="${me.csrfToken}">
  <label>${t.username} <input name="username" required minlength="2" maxlength="64" pattern="[A-Za-z0-9._\\-]+" autocomplete="off"></label>
  <label>${t.displayName} <input name="displayName" required maxlength="200"></label>
  <label>${t.role} <select name="role">${roleOptions(t, 'viewer')}</select></label>
  <label>${t.password} <input type="password" name="password" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="200" autocomplete="new-password"></label>
  <small>${t.adminPasswordHint}</small>
  <button type="submit">${t.userCreate}</button>
</form>
</section>`;
  return layout({
    title: t.usersTitle,
    t,
    lang: ctx.lang,
    user: me,
    body,
    flash: flashKey ? t[flashKey] : undefined,
  });
}

/** Lists the users and logs the read of their (staff) data. */
async function readUsers(ctx: RouteContext<unknown, unknown, unknown>, route: string): Promise<UserRow[]> {
  const [users] = await Promise.all([
    listUsers(ctx.deps.db),
    logStaffListRead(ctx.deps.db, requireUser(ctx), route, ctx.request.ip),
  ]);
  return users;
}

export const usersRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/users',
    role: 'admin',
    kind: 'api',
    tag: 'users',
    summary: 'List all users (never their password hashes)',
    response: z.object({ users: z.array(userViewSchema) }),
    handler: async (ctx) => ({ users: (await readUsers(ctx, 'GET /api/users')).map(userView) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users',
    role: 'admin',
    kind: 'api',
    tag: 'users',
    summary: `Create a user; the password needs at least ${MIN_PASSWORD_LENGTH} characters; a taken username is 409 USER_CONFLICT`,
    body: createBody,
    response: z.object({ user: userViewSchema }),
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const row = await createUserAccount(
        ctx.deps.db,
        { id: user.id, username: user.username, ip: ctx.request.ip },
        ctx.body,
      );
      ctx.reply.status(201);
      return { user: userView(row) };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/users/:id',
    role: 'admin',
    kind: 'api',
    tag: 'users',
    summary:
      'Change display name, role, active flag or password; deactivating ends the user’s sessions; ' +
      'admins cannot deactivate (USER_SELF_DEACTIVATION) or demote (USER_SELF_DEMOTION) themselves',
    params: idParams,
    body: patchBody,
    response: z.object({ user: userViewSchema }),
    handler: async (ctx) => {
      const row = await updateUserAccount(ctx.deps.db, requireUser(ctx), ctx.request.ip, ctx.params.id, ctx.body);
      return { user: userView(row) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/admin/users',
    role: 'admin',
    kind: 'page',
    tag: 'users',
    summary: 'Users page: list, edit and create',
    query: z.object({ done: z.string().max(20).optional(), lang: z.string().optional() }),
    handler: async (ctx) => usersPage(ctx, await readUsers(ctx, 'GET /admin/users')),
  }),
  defineRoute({
    method: 'POST',
    url: '/admin/users',
    role: 'admin',
    kind: 'page',
    tag: 'users',
    summary: 'Create-user form submission',
    body: createBody,
    handler: async (ctx) => {
      const user = requireUser(ctx);
      await createUserAccount(ctx.deps.db, { id: user.id, username: user.username, ip: ctx.request.ip }, ctx.body);
      return ctx.reply.redirect('/admin/users?done=created', 303);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/admin/users/:id',
    role: 'admin',
    kind: 'page',
    tag: 'users',
    summary: 'Edit-user form submission',
    params: idParams,
    body: pageUpdateBody,
    handler: async (ctx) => {
      const { displayName, role, active, password } = ctx.body;
      await updateUserAccount(ctx.deps.db, requireUser(ctx), ctx.request.ip, ctx.params.id, {
        displayName,
        role,
        active: active === 'true',
        password: password ? password : undefined,
      });
      return ctx.reply.redirect('/admin/users?done=updated', 303);
    },
  }),
];
