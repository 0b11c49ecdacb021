/**
 * Notifications over HTTP: the inbox (站内信) of the signed-in user, the outbox log for administrators and
 * supervisors, the editable message templates and the channel settings (administrators only).
 */
import type { FastifyInstance } from 'fastify';
import { messageRoutes as routes } from '@liandong/contracts';
import { configureChannel, editTemplate, listInbox, listTemplates, markInboxRead, readChannel, readChannels, readMessageLog } from '@liandong/core/notify/index.ts';
import { orderScopeSql } from '@liandong/core/orders/index.ts';
import type { Actor } from '@liandong/core/org/actor.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

const inboxOwner = (actor: Actor) => ({ unitIds: actor.unitIds, userId: actor.userId });

export function messagesRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.inbox, async (req) => listInbox(p.db, inboxOwner(requireActor(req)), req.query));

  contractRoute(app, routes.markRead, async (req) => markInboxRead(p.db, inboxOwner(requireActor(req)), req.params.id, p.clock()));

  contractRoute(app, routes.listMessages, async (req) => {
    const actor = requireActor(req);
    return readMessageLog(p.db, actor, (params, alias) => orderScopeSql(actor, params, alias), req.query, { ip: req.ip, at: p.clock() });
  });

  contractRoute(app, routes.listTemplates, async (req) => {
    requireActor(req);
    return listTemplates(p.db);
  });

  contractRoute(app, routes.updateTemplate, async (req) => editTemplate(p.db, requireActor(req), req.params.code, req.params.lang, req.body));

  contractRoute(app, routes.listChannels, async (req) => readChannels(p.db, requireActor(req)));

  contractRoute(app, routes.getChannel, async (req) => readChannel(p.db, requireActor(req), req.params.code));

  contractRoute(app, routes.updateChannel, async (req) => configureChannel(p.db, requireActor(req), req.params.code, req.body));
}
