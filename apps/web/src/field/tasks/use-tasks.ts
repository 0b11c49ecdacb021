/**
 * The worker's tasks: orders waiting for him on site — 核实 (verify a new report), 核查 (check a handled one) — and
 * those at the grid's level he may push up to the village (上推: what the grid cannot solve), exactly those whose
 * allowedActions offer it to him (the server's rule), with their details read ahead while there is a network, so
 * that each opens later without one.
 */
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrderListItem } from '@liandong/contracts';
import { call } from '../../shared/api.ts';

export type TaskKind = 'verify' | 'check' | 'escalate';

export function useTasks() {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['field', 'tasks'],
    queryFn: async () => (await call('orders.listOrders', { query: { state: 'pending_verify,pending_check', pageSize: 100 } })).items,
  });
  const atGrid = useQuery({
    queryKey: ['field', 'at-grid'],
    queryFn: async () => (await call('orders.listOrders', { query: { state: 'pending_dispatch', level: 'grid', pageSize: 100 } })).items,
  });
  // 督办: orders of his grids under supervision, to follow on site (the supervised unit acts in the console).
  const supervised = useQuery({
    queryKey: ['field', 'supervised'],
    queryFn: async () => (await call('orders.listOrders', { query: { supervised: true, stateType: 'new,open,handling', pageSize: 50 } })).items,
  });
  useEffect(() => {
    for (const o of [...(q.data ?? []), ...(atGrid.data ?? []), ...(supervised.data ?? [])].slice(0, 50)) void qc.prefetchQuery({ queryKey: ['field', 'order', o.id], queryFn: () => orderDetail(o.id) });
  }, [q.data, atGrid.data, supervised.data, qc]);
  const of = (kind: TaskKind, list = q.data): OrderListItem[] => (list ?? []).filter((o) => o.allowedActions.includes(kind));
  const refetch = () => Promise.all([q.refetch(), atGrid.refetch(), supervised.refetch()]);
  return { data: q.data, refetch, verify: of('verify'), check: of('check'), escalate: of('escalate', atGrid.data), supervised: supervised.data ?? [] };
}

export const orderDetail = (id: number) => call('orders.getOrder', { params: { id } });

export function useOrder(id: number) {
  return useQuery({ queryKey: ['field', 'order', id], queryFn: () => orderDetail(id) });
}
