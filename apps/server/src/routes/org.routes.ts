/**
 * 组织机构与用户 for administrators: the unit tree and the accounts. A disabled account, a reset password or a
 * changed role or scope drops the user's cached sessions in this process at once (other processes within the
 * session cache's few seconds; disabled and reset accounts lose their sessions in the database too).
 */
import type { FastifyInstance } from 'fastify';
import { orgRoutes as routes } from '@liandong/contracts';
import { createUnit, listUnitsForAdmin, updateUnit } from '@liandong/core/org/admin/manage-units.ts';
import { createUserByAdmin, resetPassword, updateUser } from '@liandong/core/org/admin/manage-users.ts';
import { listUsersForAdmin } from '@liandong/core/org/admin/user-admin-view.ts';
import { requireActor } from '../http/auth.ts';
import { adminContext } from '../http/admin-context.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

export function orgRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.listUnits, async (req) => listUnitsForAdmin(p.db, requireActor(req)));
  contractRoute(app, routes.createUnit, async (req, reply) => {
    const unit = await createUnit(p.db, requireActor(req), req.body, adminContext(p, req));
    reply.status(201);
    return unit;
  });
  contractRoute(app, routes.updateUnit, async (req) => updateUnit(p.db, requireActor(req), req.params.id, req.body, adminContext(p, req)));
  contractRoute(app, routes.listUsers, async (req) => listUsersForAdmin(p.db, requireActor(req), req.query));
  contractRoute(app, routes.createUser, async (req, reply) => {
    const created = await createUserByAdmin(p.db, requireActor(req), req.body, adminContext(p, req));
    reply.status(201);
    return created;
  });
  contractRoute(app, routes.updateUser, async (req) => {
    const user = await updateUser(p.db, requireActor(req), req.params.id, req.body, adminContext(p, req));
    p.sessions.forgetUser(user.id);
    return user;
  });
  contractRoute(app, routes.resetPassword, async (req) => {
    const answer = await resetPassword(p.db, requireActor(req), req.params.id, adminContext(p, req));
    p.sessions.forgetUser(req.params.id);
    return answer;
  });
}
