/**
 * 知识推荐: while the operator types the request, the knowledge base's best articles for it (published, valid today),
 * with the matched words marked; one click makes an article the answer of a consultation (直接办结 with it).
 * The titles and snippets are HTML the server escaped, with only <mark> added. The card keeps one height (its list
 * scrolls): suggestions arriving never move the form's fields and buttons under the operator's pointer.
 */
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '@liandong/contracts';
import { call } from '../shared/api.ts';

export function KnowledgeSuggestions({ text, picked, onPick }: { text: string; picked: number | null; onPick: (hit: SearchHit) => void }) {
  const { t } = useTranslation();
  const q = text.trim().slice(0, 500);
  const hits = useQuery({
    queryKey: ['knowledge-suggest', q],
    queryFn: () => call('knowledge.search', { query: { q, limit: 3 } }),
    enabled: q.length >= 2,
    placeholderData: (previous) => previous,
  });
  const items = q.length >= 2 ? (hits.data?.items ?? []) : [];
  return (
    <Card size="small" title={t('knowledge.suggestions')} aria-label={t('knowledge.suggestionsLabel')} className="knowledge-suggestions" style={{ marginBottom: 12 }} styles={{ body: { height: 172, overflowY: 'auto', padding: '4px 12px' } }}>
      {q.length < 2 ? (
        <Typography.Text type="secondary">{t('knowledge.suggestionsHint')}</Typography.Text>
      ) : (
        <List
          size="small"
          locale={{ emptyText: t('knowledge.noSuggestions') }}
          dataSource={items}
          renderItem={(h) => (
            <List.Item
              aria-label={h.title}
              actions={[
                <Button key="use" size="small" type={picked === h.id ? 'primary' : 'default'} aria-label={t('knowledge.useAsAnswerOf', { title: h.title })} onClick={() => onPick(h)}>
                  {t('knowledge.useAsAnswer')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <span className="kb-hl" dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
                    {h.validTo && <Tag>{t('knowledge.validTo', { d: h.validTo })}</Tag>}
                  </Space>
                }
                description={<span className="kb-hl kb-snippet" dangerouslySetInnerHTML={{ __html: h.snippetHtml }} />}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
