/**
 * 提炼为知识 on the order page: a writer (knowledge.edit) turns a handled order's request and reply into a draft
 * article (POST /api/v1/knowledge/articles/from-order), opened in the knowledge page's editor. Offered only when
 * the server would take it: the user writes articles and the order has a reply (ORDER_REPLY_ACTIONS with a note).
 */
import { App, Button } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ORDER_REPLY_ACTIONS, type Me, type OrderDetail } from '@liandong/contracts';
import { ApiFailure, call } from '../shared/api.ts';

const isReply = (action: string) => (ORDER_REPLY_ACTIONS as readonly string[]).includes(action);

export function ProposeArticleButton({ order, me }: { order: OrderDetail; me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const propose = useMutation({
    mutationFn: () => call('knowledge.propose', { body: { orderId: order.id } }),
    onSuccess: (a) => void navigate(`/knowledge?open=${a.id}&edit=1`),
    onError: (e) => void message.error(e instanceof ApiFailure ? e.message : t('error.unknown')),
  });
  if (!me.permissions.includes('knowledge.edit')) return null;
  if (!order.timeline.some((e) => isReply(e.action) && e.note?.trim())) return null;
  // In the header of the actions card: it is not a step of the order, and stands apart from "nothing to do now".
  return (
    <Button size="small" loading={propose.isPending} onClick={() => propose.mutate()}>
      {t('knowledge.propose')}
    </Button>
  );
}
