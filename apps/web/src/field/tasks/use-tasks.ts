/**
 * The worker's tasks: orders waiting for him on site — 核实 (verify a new report) and 核查 (check a handled one) —
 * exactly those whose allowedActions offer it to him (the server's rule), with their details read ahead while
 * there is a network, so that each opens later without one.
 */
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrderListItem } from '@liandong/contracts';
import { call } from '../../shared/api.ts';

export type TaskKind = 'verify' | 'check';

export function useTasks() {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['field', 'tasks'],
    queryFn: async () => (await call('orders.listOrders', { query: { state: 'pending_verify,pending_check', pageSize: 100 } })).items,
  });
  useEffect(() => {
    for (const o of (q.data ?? []).slice(0, 30)) void qc.prefetchQuery({ queryKey: ['field', 'order', o.id], queryFn: () => orderDetail(o.id) });
  }, [q.data, qc]);
  const of = (kind: TaskKind): OrderListItem[] => (q.data ?? []).filter((o) => o.allowedActions.includes(kind));
  return { ...q, verify: of('verify'), check: of('check') };
}

export const orderDetail = (id: number) => call('orders.getOrder', { params: { id } });

export function useOrder(id: number) {
  return useQuery({ queryKey: ['field', 'order', id], queryFn: () => orderDetail(id) });
}
