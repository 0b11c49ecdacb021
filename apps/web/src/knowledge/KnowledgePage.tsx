/**
 * 知识库 (console): articles the reader keeps or may read, filtered by state, or searched as operators search them
 * (words, pinyin initials, synonyms; matched words marked). An article opens in a drawer with its body, the
 * actions the server allows (`allowedActions`: edit, submit for review, publish, reject with a reason, withdraw)
 * and its versions (who changed what). Writers get a form for a new article or a new version.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ArticleInput, ArticleState, ArticleView, Me } from '@liandong/contracts';
import { ARTICLE_STATES } from '@liandong/contracts';
import { ApiFailure, call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';

const STATE_COLOURS: Record<ArticleState, string> = { draft: 'default', pending: 'gold', published: 'green', rejected: 'red' };

export function KnowledgePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [state, setState] = useState<ArticleState | 'all'>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const mayEdit = me.permissions.includes('knowledge.edit');
  const query = { page, pageSize: 20, ...(state !== 'all' ? { state } : {}) };
  const list = useQuery({ queryKey: ['knowledge', query], queryFn: () => call('knowledge.list', { query }), enabled: !q });
  const found = useQuery({ queryKey: ['knowledge-search', q], queryFn: () => call('knowledge.search', { query: { q, limit: 20 } }), enabled: Boolean(q) });
  return (
    <Card
      title={t('knowledge.title')}
      extra={
        <Space>
          <Button href="/api/v1/knowledge/articles/export">{t('knowledge.export')}</Button>
          {mayEdit && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('knowledge.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search aria-label={t('knowledge.search')} placeholder={t('knowledge.searchPlaceholder')} allowClear style={{ width: 360 }} onSearch={(v) => setQ(v.trim())} />
        {!q && (
          <Select
            aria-label={t('knowledge.state')}
            value={state}
            style={{ width: 140 }}
            onChange={(v) => {
              setState(v);
              setPage(1);
            }}
            options={[{ value: 'all', label: t('knowledge.allStates') }, ...ARTICLE_STATES.map((s) => ({ value: s, label: t(`knowledge.stateLabel.${s}`) }))]}
          />
        )}
      </Space>
      {q ? (
        <Table
          rowKey="id"
          size="small"
          aria-label={t('knowledge.results')}
          loading={found.isLoading}
          dataSource={found.data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: t('knowledge.titleCol'),
              render: (_, h) => (
                <div>
                  <Button type="link" className="kb-hl kb-open" aria-label={t('knowledge.openOne', { title: h.title })} onClick={() => setOpenId(h.id)}>
                    <span dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
                  </Button>
                  <div className="kb-hl kb-snippet" dangerouslySetInnerHTML={{ __html: h.snippetHtml }} />
                </div>
              ),
            },
            { title: t('knowledge.units'), width: 220, render: (_, h) => h.units.map((u) => u.name).join('、') },
            { title: t('knowledge.score', { s: '' }), width: 110, render: (_, h) => h.score.toFixed(2) },
          ]}
        />
      ) : (
        <Table
          rowKey="id"
          size="small"
          aria-label={t('knowledge.list')}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              title: t('knowledge.titleCol'),
              render: (_, a) => (
                <Button type="link" className="kb-open" aria-label={t('knowledge.openOne', { title: a.title })} onClick={() => setOpenId(a.id)}>
                  {a.title}
                </Button>
              ),
            },
            {
              title: t('knowledge.state'),
              width: 160,
              render: (_, a) => (
                <Space size={4}>
                  <Tag color={STATE_COLOURS[a.state]}>{t(`knowledge.stateLabel.${a.state}`)}</Tag>
                  {a.offered ? <Tag color="blue">{t('knowledge.offered')}</Tag> : a.live ? <Tag>{t('knowledge.notOffered')}</Tag> : null}
                </Space>
              ),
            },
            { title: t('knowledge.units'), width: 220, render: (_, a) => a.units.map((u) => u.name).join('、') },
            { title: t('knowledge.validity'), width: 120, render: (_, a) => (a.validTo ? t('knowledge.validTo', { d: a.validTo }) : '—') },
            { title: t('knowledge.version'), width: 70, dataIndex: 'version' },
            { title: t('knowledge.updatedAt'), width: 150, render: (_, a) => formatTime(a.updatedAt) },
          ]}
        />
      )}
      {openId !== null && <ArticleDrawer id={openId} onClose={() => setOpenId(null)} />}
      {creating && (
        <Drawer open title={t('knowledge.newTitle')} size="large" onClose={() => setCreating(false)}>
          <ArticleForm
            onSaved={(a) => {
              setCreating(false);
              setOpenId(a.id);
            }}
          />
        </Drawer>
      )}
    </Card>
  );
}

interface FormValues {
  title: string;
  body: string;
  keywords?: string[];
  unitIds?: number[];
  categoryCode?: string;
  validFrom?: string;
  validTo?: string;
  note?: string;
}

function ArticleForm({ article, onSaved }: { article?: ArticleView; onSaved: (a: ArticleView) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const units = useQuery({ queryKey: ['units'], queryFn: () => call('catalogue.listUnits'), staleTime: 300_000 });
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body: ArticleInput = {
        title: v.title,
        body: v.body,
        keywords: v.keywords ?? [],
        unitIds: v.unitIds ?? [],
        categoryCode: v.categoryCode?.trim() || null,
        validFrom: v.validFrom || null,
        validTo: v.validTo || null,
        attachments: article?.attachments.map((f) => f.id) ?? [],
        ...(v.note ? { note: v.note } : {}),
      };
      return article ? call('knowledge.update', { params: { id: article.id }, body }) : call('knowledge.create', { body });
    },
    onSuccess: async (a) => {
      await qc.invalidateQueries({ queryKey: ['knowledge'] });
      await qc.invalidateQueries({ queryKey: ['knowledge-article', a.id] });
      onSaved(a);
    },
    onError: (e) => {
      const field = e instanceof ApiFailure && e.field ? e.field.replace(/^\//, '') : undefined;
      if (field && e instanceof ApiFailure && ['title', 'body', 'keywords', 'unitIds', 'categoryCode', 'validFrom', 'validTo'].includes(field)) form.setFields([{ name: field as keyof FormValues, errors: [e.message] }]);
      else setError(e instanceof ApiFailure ? e.message : t('error.unknown'));
    },
  });
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={
        article
          ? { title: article.title, body: article.body, keywords: article.keywords, unitIds: article.units.map((u) => u.id), categoryCode: article.category?.code, validFrom: article.validFrom ?? undefined, validTo: article.validTo ?? undefined }
          : { keywords: [], unitIds: [] }
      }
      onFinish={(v) => {
        setError(null);
        save.mutate(v);
      }}
    >
      <Form.Item name="title" label={t('knowledge.titleCol')} rules={[{ required: true, message: t('intake.required', { field: t('knowledge.titleCol') }) }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="body" label={t('knowledge.body')} extra={t('knowledge.bodyHint')} rules={[{ required: true, message: t('intake.required', { field: t('knowledge.body') }) }]}>
        <Input.TextArea rows={10} maxLength={20000} />
      </Form.Item>
      <Form.Item name="keywords" label={t('knowledge.keywords')}>
        <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
      </Form.Item>
      <Form.Item name="unitIds" label={t('knowledge.units')}>
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data ?? []).filter((u) => u.kind === 'department' || u.kind === 'centre').map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="categoryCode" label={t('knowledge.category')}>
          <Input maxLength={20} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="validFrom" label={t('knowledge.validFrom')}>
          <Input type="date" style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="validTo" label={t('knowledge.validToField')}>
          <Input type="date" style={{ width: 170 }} />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t('knowledge.note')}>
        <Input maxLength={500} />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('knowledge.save')}
      </Button>
    </Form>
  );
}

function ArticleDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
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
                        {v.changedFields.length > 0 && v.event === 'edited' && <div>{t('knowledge.changed', { fields: v.changedFields.join('、') })}</div>}
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
