/**
 * The named work queues of each desk (工作队列), as data: which list filter a queue is, and who works it. A user
 * sees the queues of all his roles; the server's scope decides which orders fill them.
 */
import type { ListOrdersFilter, Role } from '@liandong/contracts';

export interface QueueDef {
  key: string;
  /** Key in the catalogue's `queue` section. */
  label: string;
  filter: Partial<ListOrdersFilter>;
  roles: readonly Role[];
}

const CENTRE: Role[] = ['operator', 'dispatcher', 'shift_lead', 'supervisor', 'leader', 'admin'];

export const QUEUES: readonly QueueDef[] = [
  { key: 'pending-accept', label: 'queue.pendingAccept', filter: { state: 'pending_accept' }, roles: ['operator', 'dispatcher', 'shift_lead'] },
  { key: 'pending-verify', label: 'queue.pendingVerify', filter: { state: 'pending_verify' }, roles: ['operator', 'dispatcher', 'grid_worker', 'grid_leader'] },
  { key: 'pending-dispatch', label: 'queue.pendingDispatch', filter: { state: 'pending_dispatch' }, roles: ['dispatcher', 'shift_lead'] },
  { key: 'returned', label: 'queue.returned', filter: { state: 'pending_dispatch', arrivedBy: 'return' }, roles: ['dispatcher', 'shift_lead'] },
  { key: 'escalated', label: 'queue.escalated', filter: { state: 'pending_dispatch', arrivedBy: 'escalate' }, roles: ['dispatcher', 'shift_lead'] },
  { key: 'pending-sign', label: 'queue.pendingSign', filter: { state: 'pending_sign' }, roles: ['handler', 'dispatcher', 'shift_lead'] },
  { key: 'handling', label: 'queue.handling', filter: { state: 'handling' }, roles: ['handler', 'dispatcher', 'shift_lead', 'supervisor'] },
  { key: 'co-handled', label: 'queue.coHandled', filter: { coHandledByMe: true }, roles: ['handler'] },
  { key: 'pending-check', label: 'queue.pendingCheck', filter: { state: 'pending_check' }, roles: ['grid_worker', 'grid_leader', 'dispatcher'] },
  { key: 'pending-callback', label: 'queue.pendingCallback', filter: { state: 'pending_callback' }, roles: ['operator', 'shift_lead'] },
  { key: 'pending-close', label: 'queue.pendingClose', filter: { state: 'pending_close' }, roles: ['dispatcher', 'shift_lead'] },
  { key: 'suspended', label: 'queue.suspended', filter: { state: 'suspended' }, roles: ['dispatcher', 'shift_lead', 'supervisor'] },
  { key: 'awaiting-approval', label: 'queue.awaitingApproval', filter: { awaitingMyApproval: true }, roles: ['shift_lead'] },
  { key: 'due-soon', label: 'queue.dueSoon', filter: { light: 'yellow' }, roles: [...CENTRE, 'handler'] },
  { key: 'overdue', label: 'queue.overdue', filter: { overdue: true }, roles: [...CENTRE, 'handler'] },
  { key: 'supervised', label: 'queue.supervised', filter: { supervised: true, stateType: 'new,open,handling,suspended' }, roles: ['supervisor', 'leader', 'shift_lead', 'handler'] },
  { key: 'all', label: 'queue.all', filter: {}, roles: [...CENTRE, 'handler', 'grid_worker', 'grid_leader'] },
];

export function queuesFor(roles: readonly Role[]): QueueDef[] {
  return QUEUES.filter((q) => q.roles.some((r) => roles.includes(r)));
}
