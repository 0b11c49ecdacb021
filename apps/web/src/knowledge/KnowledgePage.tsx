/**
 * 知识库 (console): articles the reader keeps or may read, filtered by state, or searched as operators search them
 * (words, pinyin initials, synonyms; matched words marked). An article opens in a drawer (ArticleDrawer.tsx);
 * writers get a form for a new article or a new version, and import a CSV or .xlsx file (ImportArticles.tsx).
 * Everyone exports what he reads as CSV or Excel. `?open=ID` opens an article, `&edit=1` in its editor (an article
 * proposed from an order lands there). Administrators allow or forbid self-review (四眼原则).
 */
import { useState } from 'react';
import { Button, Card, Drawer, Input, Select, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ArticleState, Me } from '@liandong/contracts';
import { ARTICLE_STATES } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { formatTime } from '../shared/labels.tsx';
import { ArticleDrawer, STATE_COLOURS } from './ArticleDrawer.tsx';
import { ArticleForm } from './ArticleForm.tsx';
import { ImportArticles } from './ImportArticles.tsx';
import { SelfReviewSwitch } from './SelfReviewSwitch.tsx';

export function KnowledgePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [state, setState] = useState<ArticleState | 'all'>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [params, setParams] = useSearchParams();
  const openId = Number(params.get('open')) || null;
  const setOpenId = (id: number | null, edit = false) => setParams(id ? { open: String(id), ...(edit ? { edit: '1' } : {}) } : {}, { replace: true });
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
          {mayEdit && <ImportArticles />}
          <Button href="/api/v1/knowledge/articles/export">{t('knowledge.export')}</Button>
          <Button href="/api/v1/knowledge/articles/export?format=xlsx">{t('knowledge.exportXlsx')}</Button>
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
        {me.permissions.includes('knowledge.settings') && <SelfReviewSwitch />}
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
      {openId !== null && <ArticleDrawer key={openId} id={openId} me={me} editFirst={params.get('edit') === '1'} onClose={() => setOpenId(null)} />}
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
