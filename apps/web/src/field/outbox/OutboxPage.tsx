/**
 * 发送队列: every item the worker made, with its state (等待发送, 正在发送, 已送达, 被退回 with the server's reason),
 * when it was made and when it arrived; "立即同步"; and his drafts to finish. Nothing is shown as arrived before
 * the server said so.
 */
import { useEffect, useState } from 'react';
import { Button, Dialog, List, NavBar, NoticeBar, SwipeAction, Tag } from 'antd-mobile';
import { useLiveQuery } from 'dexie-react-hooks';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session.ts';
import { formatTime } from '../../shared/time.ts';
import { deleteDraft } from '../report/drafts.ts';
import { fieldDb, type OutboxItem, type OutboxState } from './outbox.db.ts';
import { discard, retry } from './outbox.ts';
import { useOutbox } from './use-outbox.tsx';

const STATE_COLOURS: Record<OutboxState, string> = { waiting: 'warning', sending: 'primary', sent: 'success', refused: 'danger' };

export function OutboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { items, pending, syncing, last, syncNow } = useOutbox();
  const drafts = useLiveQuery(() => (me.data ? fieldDb.drafts.where('userId').equals(me.data.id).reverse().sortBy('updatedAt') : []), [me.data?.id]) ?? [];
  const [persisted, setPersisted] = useState<boolean | null>(null);
  useEffect(() => {
    void navigator.storage?.persisted?.().then(setPersisted);
  }, []);

  const remove = async (item: OutboxItem) => {
    if (await Dialog.confirm({ content: t('fieldApp.outbox.discardConfirm') })) await discard(item.id!);
  };
  return (
    <>
      <NavBar backIcon={null}>{t('fieldApp.outbox.title')}</NavBar>
      {last?.signInNeeded && <NoticeBar content={t('fieldApp.outbox.signIn')} color="alert" />}
      <div className="field-actions">
        <div className="field-figure" role="status" aria-live="polite">
          {t('fieldApp.outbox.count', { n: pending })}
        </div>
        <Button color="primary" size="large" loading={syncing} loadingText={t('fieldApp.outbox.syncing')} onClick={() => void syncNow()}>
          {t('fieldApp.outbox.syncNow')}
        </Button>
      </div>
      <List>
        {items.length === 0 && <List.Item>{t('fieldApp.outbox.empty')}</List.Item>}
        {items.map((i) => (
          <List.Item
            key={i.id}
            aria-label={`${i.title} ${t(`fieldApp.outbox.states.${i.state}`)}`}
            extra={<Tag color={STATE_COLOURS[i.state]}>{t(`fieldApp.outbox.states.${i.state}`)}</Tag>}
            description={
              <>
                <div>
                  {t('fieldApp.outbox.madeAt', { at: formatTime(i.madeAt) })}
                  {i.sentAt && ` · ${t('fieldApp.outbox.sentAt', { at: formatTime(i.sentAt) })}`}
                  {i.photos.length > 0 && ` · ${t('fieldApp.outbox.photos', { n: i.photos.length })}`}
                </div>
                {i.result && <div>{t('fieldApp.outbox.order', { code: i.result.orderCode })}</div>}
                {i.state === 'waiting' && i.lastError && <div>{t('fieldApp.outbox.lastError', { reason: i.lastError })}</div>}
                {i.refusal && <div className="field-error-inline">{i.refusal}</div>}
                {i.state === 'refused' && (
                  <div className="field-inline-actions">
                    <Button size="small" onClick={() => void retry(i.id!).then(syncNow)}>
                      {t('fieldApp.outbox.retry')}
                    </Button>
                    <Button size="small" color="danger" fill="outline" onClick={() => void remove(i)}>
                      {t('fieldApp.outbox.discard')}
                    </Button>
                  </div>
                )}
              </>
            }
          >
            {i.title}
          </List.Item>
        ))}
      </List>
      <section aria-label={t('fieldApp.outbox.drafts')}>
        <List header={t('fieldApp.outbox.drafts')}>
          {drafts.length === 0 && <List.Item>{t('fieldApp.outbox.noDrafts')}</List.Item>}
          {drafts.map((d) => (
            <SwipeAction key={d.id} rightActions={[{ key: 'delete', text: t('fieldApp.outbox.draftDelete'), color: 'danger', onClick: () => void deleteDraft(d.id!) }]}>
              <List.Item
                onClick={() => navigate(`/report?draft=${d.id}`)}
                arrow
                description={`${formatTime(d.updatedAt)} · ${t('fieldApp.outbox.photos', { n: d.photoIds.length + d.afterPhotoIds.length })}`}
              >
                {d.values.description?.slice(0, 40) || t('fieldApp.outbox.kinds.report')}
              </List.Item>
            </SwipeAction>
          ))}
        </List>
      </section>
      {persisted !== null && (
        <div className="field-muted" style={{ padding: '8px 16px' }}>
          {t('fieldApp.outbox.storage', { persisted: persisted ? t('fieldApp.outbox.persisted') : t('fieldApp.outbox.notPersisted') })}
        </div>
      )}
    </>
  );
}
