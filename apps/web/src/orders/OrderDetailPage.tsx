/**
 * 工单详情 for everyone: what was reported and where, the stage the order is at, every step's clock with its light
 * and time left, the timeline across levels (who, when, from which state to which, why), the reporters (masked as
 * the role requires), co-handlers, the detections it was made from (关联事件), and exactly the actions the user may
 * take now.
 */
import { Alert, Card, Col, Descriptions, Empty, Image, Row, Space, Spin, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { STEP_LABELS, TIME_UNIT_LABELS, type Me, type OrderDetail } from '@liandong/contracts';
import { SupervisionPanel } from '../supervision/SupervisionPanel.tsx';
import { ApiFailure, call } from '../shared/api.ts';
import { formatTime, LightTag } from '../shared/labels.tsx';
import { pick } from '../i18n.ts';
import { ActionButtons } from './ActionForm.tsx';
import { LazyMap } from '../map/LazyMap.tsx';
import { OrderDetections } from '../detections/OrderDetections.tsx';
import { SmartDispatchPanel } from '../smart-dispatch/SmartDispatchPanel.tsx';
import { ProposeArticleButton } from '../knowledge/ProposeArticleButton.tsx';

/** States' labels in the reader's language (the timeline's from → to); null until they are loaded. */
function useStateLabels(lang: string): ((code: string | null) => string) | null {
  const states = useQuery({ queryKey: ['order-states'], queryFn: () => call('catalogue.listOrderStates'), staleTime: Infinity });
  if (!states.data) return null;
  const labels = new Map(states.data.map((x) => [x.code as string, lang === 'en' ? x.labelEn : x.labelZh]));
  return (code) => (code ? (labels.get(code) ?? code) : '');
}

/** The files attached to a timeline event: photos as thumbnails (click to enlarge), documents as links. */
function Attachments({ files }: { files: OrderDetail['timeline'][number]['attachments'] }) {
  if (files.length === 0) return null;
  const photos = files.filter((f) => f.contentType.startsWith('image/'));
  const documents = files.filter((f) => !f.contentType.startsWith('image/'));
  return (
    <div className="timeline-files">
      <Image.PreviewGroup>
        {photos.map((f) => (
          <Image key={f.id} width={64} height={64} style={{ objectFit: 'cover' }} src={`/api/v1/files/${f.id}`} alt={f.name} />
        ))}
      </Image.PreviewGroup>
      {documents.map((f) => (
        <a key={f.id} href={`/api/v1/files/${f.id}`} target="_blank" rel="noreferrer" download={f.contentType.includes('html') ? undefined : f.name}>
          {f.name}
        </a>
      ))}
    </div>
  );
}

/** The stages an order passes (the eight steps of the linkage workflow), by the states that belong to each. */
const STAGES: { key: string; label: { zh: string; en: string }; states: string[] }[] = [
  { key: 'intake', label: { zh: '受理', en: 'Intake' }, states: ['pending_accept', 'pending_verify'] },
  { key: 'dispatch', label: { zh: '派遣', en: 'Dispatch' }, states: ['pending_dispatch'] },
  { key: 'sign', label: { zh: '签收', en: 'Sign' }, states: ['pending_sign'] },
  { key: 'handle', label: { zh: '处置', en: 'Handle' }, states: ['handling', 'suspended'] },
  { key: 'check', label: { zh: '核查', en: 'Check' }, states: ['pending_check'] },
  { key: 'callback', label: { zh: '回访', en: 'Callback' }, states: ['pending_callback'] },
  { key: 'close', label: { zh: '结案', en: 'Close' }, states: ['pending_close'] },
  { key: 'closed', label: { zh: '办结', en: 'Done' }, states: ['closed', 'rejected', 'merged', 'voided'] },
];

/** 返回: back to the queue the order was opened from, or to the desk when it was opened directly. */
function BackLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  return (
    <Link to={from ?? '/'} onClick={(e) => from && (e.preventDefault(), void navigate(-1))}>
      {t('order.back')}
    </Link>
  );
}

export function OrderDetailPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useQuery({ queryKey: ['order', id, lang], queryFn: () => call('orders.getOrder', { params: { id } as never }), retry: false });
  if (q.isLoading) return <Spin />;
  if (q.error) {
    const notFound = q.error instanceof ApiFailure && (q.error.status === 404 || q.error.status === 400);
    return <Alert type="warning" showIcon title={notFound ? t('order.notFound') : q.error.message} action={<BackLink />} />;
  }
  const o = q.data as OrderDetail;
  return <OrderDetailView o={o} lang={lang} me={me} />;
}

function OrderDetailView({ o, lang, me }: { o: OrderDetail; lang: string; me: Me }) {
  const { t } = useTranslation();
  const stateLabel = useStateLabels(lang);
  const stage = STAGES.findIndex((s) => s.states.includes(o.state.code));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Typography.Text strong>{o.code}</Typography.Text>
            <Tag color="blue">{o.state.label}</Tag>
            <LightTag light={o.light} />
          </Space>
        }
        extra={<BackLink />}
      >
        <Steps size="small" current={stage} items={STAGES.map((s) => ({ title: pick(s.label, lang) }))} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('order.description')} size="small">
              <Descriptions column={2} size="small" bordered>
                <Descriptions.Item label={t('order.description')} span={2}>{o.description}</Descriptions.Item>
                <Descriptions.Item label={t('order.channel')}>{o.channel.label}</Descriptions.Item>
                <Descriptions.Item label={t('order.nature')}>{o.nature.label}</Descriptions.Item>
                <Descriptions.Item label={t('order.place')} span={2}>{[o.district?.name, o.town?.name, o.village?.name, o.grid?.name].filter(Boolean).join(' / ')}</Descriptions.Item>
                <Descriptions.Item label={t('order.address')} span={2}>{o.address ?? t('order.none')}</Descriptions.Item>
                <Descriptions.Item label={t('order.category')}>{o.category?.name ?? t('order.none')}</Descriptions.Item>
                <Descriptions.Item label={t('order.condition')}>{o.condition?.description ?? t('order.none')}</Descriptions.Item>
                <Descriptions.Item label={t('order.dispatchUnit')}>{o.dispatchUnit?.name ?? t('order.none')}</Descriptions.Item>
                <Descriptions.Item label={t('order.handlerUnit')}>{o.handlerUnit?.name ?? t('order.none')}</Descriptions.Item>
                <Descriptions.Item label={t('order.createdAt')}>{formatTime(o.createdAt)}</Descriptions.Item>
                <Descriptions.Item label={t('order.reporters')}>
                  {o.reporters.length ? o.reporters.map((r) => (r.anonymous ? t('order.anonymous') : [r.name, r.phone].filter(Boolean).join(' '))).join('；') : t('order.none')}
                </Descriptions.Item>
                {o.pendingRequest && (
                  <Descriptions.Item label={t('order.pendingRequest')} span={2}>
                    {o.pendingRequest.reason}
                  </Descriptions.Item>
                )}
                {o.coHandlers.length > 0 && (
                  <Descriptions.Item label={t('order.coHandlers')} span={2}>
                    {o.coHandlers.map((c) => `${c.unit.name}${c.report ? `：${c.report}` : ''}`).join('；')}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card title={t('order.deadlines')} size="small">
              <Table
                rowKey="step"
                size="small"
                pagination={false}
                dataSource={o.deadlines}
                columns={[
                  { title: t('order.step'), dataIndex: 'step', render: (s: keyof typeof STEP_LABELS) => pick(STEP_LABELS[s], lang) },
                  { title: t('order.dueAt'), dataIndex: 'dueAt', render: (v: string) => formatTime(v) },
                  {
                    title: t('order.remaining'),
                    key: 'remaining',
                    render: (_: unknown, d: OrderDetail['deadlines'][number]) =>
                      d.doneAt
                        ? `${t('order.done')} ${formatTime(d.doneAt)}`
                        : `${d.overdue ? t('order.overdueBy') + ' ' : ''}${Math.abs(d.remaining.value)} ${pick(TIME_UNIT_LABELS[d.remaining.unit], lang)}`,
                  },
                  { title: t('order.light'), dataIndex: 'light', render: (l: OrderDetail['light'], d: OrderDetail['deadlines'][number]) => (d.running ? <LightTag light={l} /> : null) },
                ]}
              />
            </Card>
            <OrderDetections order={o} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('order.map')} size="small" styles={{ body: { padding: 8 } }}>
              <LazyMap label={t('order.mapLabel')} picked={o.location} pickedGrid={o.grid?.code ?? null} focus height={260} />
            </Card>
            <Card title={t('order.actions')} size="small" extra={<ProposeArticleButton order={o} me={me} />}>
              <ActionButtons order={o} />
            </Card>
            <SmartDispatchPanel order={o} me={me} />
            <SupervisionPanel order={o} me={me} />
            <Card title={t('order.timeline')} size="small" role="region" aria-label={t('order.timeline')}>
              {o.timeline.length ? (
                <Timeline
                  items={[...o.timeline].reverse().map((e) => ({
                    key: e.id,
                    content: (
                      <div className="timeline-event">
                        <Typography.Text strong>{e.label}</Typography.Text>
                        <Typography.Text type="secondary"> · {formatTime(e.at)}</Typography.Text>
                        {e.madeAt && (
                          <div className="timeline-made-at">{t('order.madeOffline', { madeAt: formatTime(e.madeAt), at: formatTime(e.at) })}</div>
                        )}
                        <div>{[e.unit?.name, e.actor?.name].filter(Boolean).join(' ')}</div>
                        {stateLabel && e.fromState !== e.toState && e.toState && (
                          <div className="timeline-states">{`${stateLabel(e.fromState)} → ${stateLabel(e.toState)}`}</div>
                        )}
                        {e.note && <div className="timeline-note">{e.note}</div>}
                        {e.data.article && <div className="timeline-article">{t('knowledge.linked', { title: e.data.article.title })}</div>}
                        <Attachments files={e.attachments} />
                      </div>
                    ),
                  }))}
                />
              ) : (
                <Empty />
              )}
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
