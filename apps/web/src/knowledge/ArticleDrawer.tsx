/**
 * One article in a drawer: its body, attachments (download links), the actions the server allows
 * (`allowedActions`: edit, submit, publish, reject with a reason, withdraw) and its versions. A reviewer who wrote
 * the pending version is told why he may not publish it (四眼原则).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Input, Space, Tag, Timeline, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ArticleState, Me } from '@liandong/contracts';
import { ApiFailure, call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';
import { ArticleForm } from './ArticleForm.tsx';

export const STATE_COLOURS: Record<ArticleState, string> = { draft: 'default', pending: 'gold', published: 'green', rejected: 'red' };

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function ArticleDrawer({ id, me, editFirst = false, onClose }: { id: number; me: Me; editFirst?: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(editFirst);
  const [reason, setReason] = useState('');
  const article = useQuery({ queryKey: ['knowledge-article', id], queryFn: () => call('knowledge.get', { params: { id } }) });
  const a = article.data;
  const keeps = (a?.allowedActions.length ?? 0) > 0;
  const versions = useQuery({ queryKey: ['knowledge-versions', id, a?.version], queryFn: () => call('knowledge.versions', { params: { id } }), enabled: keeps });
  const act = useMutation({
    mutationFn: (what: 'submit' | 'publish' | 'reject' | 'withdraw') =>
      what === 'reject' ? call('knowledge.reject', { params: { id }, body: { reason } }) : call(`knowledge.${what}`, { params: { id }, body: {} }),
    onSuccess: async () => {
      setReason('');
      await qc.invalidateQueries({ queryKey: ['knowledge'] });
      await qc.invalidateQueries({ queryKey: ['knowledge-article', id] });
      void message.success(t('knowledge.done'));
    },
    onError: (e) => void message.error(e instanceof ApiFailure ? e.message : t('error.unknown')),
  });
  const may = (x: string) => a?.allowedActions.includes(x as never) ?? false;
  const fourEyes = a?.state === 'pending' && me.permissions.includes('knowledge.review') && may('reject') && !may('publish');
  return (
    <Drawer open title={a?.title ?? t('knowledge.title')} size="large" onClose={onClose} loading={article.isLoading}>
      {a && editing ? (
        <ArticleForm article={a} onSaved={() => setEditing(false)} />
      ) : (
        a && (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Space wrap>
              <Tag color={STATE_COLOURS[a.state]}>{t(`knowledge.stateLabel.${a.state}`)}</Tag>
              {a.live && <Tag color="blue">{t('knowledge.live')}</Tag>}
              <span>
                {t('knowledge.version')} {a.version}
              </span>
              <span>{t('knowledge.usedTimes', { n: a.useCount })}</span>
              {a.validTo && <span>{t('knowledge.validTo', { d: a.validTo })}</span>}
            </Space>
            {a.rejectReason && <Alert type="warning" showIcon title={t('knowledge.rejected', { reason: a.rejectReason })} />}
            <Typography.Text type="secondary">
              {t('knowledge.units')}：{a.units.map((u) => u.name).join('、') || '—'} · {t('knowledge.keywords')}：{a.keywords.join('、') || '—'}
            </Typography.Text>
            <div className="kb-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
            {a.attachments.length > 0 && (
              <div role="list" aria-label={t('knowledge.attachments')}>
                <Typography.Text strong>{t('knowledge.attachments')}</Typography.Text>
                {a.attachments.map((f) => (
                  <div role="listitem" key={f.id}>
                    <PaperClipOutlined />{' '}
                    <a href={`/api/v1/files/${f.id}`} target="_blank" rel="noreferrer" download={f.name}>
                      {f.name}
                    </a>{' '}
                    <Typography.Text type="secondary">{size(f.size)}</Typography.Text>
                  </div>
                ))}
              </div>
            )}
            {fourEyes && <Alert type="info" showIcon title={t('knowledge.fourEyes')} />}
            {keeps && (
              <Space wrap>
                {may('edit') && <Button onClick={() => setEditing(true)}>{t('knowledge.edit')}</Button>}
                {may('submit') && (
                  <Button type="primary" loading={act.isPending} onClick={() => act.mutate('submit')}>
                    {t('knowledge.submit')}
                  </Button>
                )}
                {may('publish') && (
                  <Button type="primary" loading={act.isPending} onClick={() => act.mutate('publish')}>
                    {t('knowledge.publish')}
                  </Button>
                )}
                {may('withdraw') && (
                  <Button danger loading={act.isPending} onClick={() => act.mutate('withdraw')}>
                    {t('knowledge.withdraw')}
                  </Button>
                )}
              </Space>
            )}
            {may('reject') && (
              <Space.Compact style={{ width: '100%' }}>
                <Input aria-label={t('knowledge.rejectReason')} placeholder={t('knowledge.rejectReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
                <Button danger disabled={!reason.trim()} loading={act.isPending} onClick={() => act.mutate('reject')}>
                  {t('knowledge.reject')}
                </Button>
              </Space.Compact>
            )}
            {keeps && (
              <Card size="small" title={t('knowledge.versions')} role="region" aria-label={t('knowledge.versions')}>
                <Timeline
                  items={(versions.data ?? []).map((v) => ({
                    key: v.version,
                    content: (
                      <div>
                        <strong>
                          v{v.version} {t(`knowledge.event.${v.event}`)}
                        </strong>{' '}
                        {v.changedBy?.name ?? ''} · {formatTime(v.changedAt)}
                        {v.changedFields.length > 0 && v.event === 'edited' && <div>{t('knowledge.changed', { fields: v.changedFields.map((f) => t(`knowledge.fields.${f}`, { defaultValue: f })).join(t('knowledge.fieldSep')) })}</div>}
                        {v.note && <div className="timeline-note">{v.note}</div>}
                      </div>
                    ),
                  }))}
                />
              </Card>
            )}
          </Space>
        )
      )}
    </Drawer>
  );
}
