/**
 * 来电登记: the hotline operator's intake. The caller's number shows his earlier orders; the category is found by
 * words or pinyin initials; the place is a click on the map (its grid, village and town appear at once) with
 * the address as said; photos and files attach. Similar cases near the point are shown before saving, and the
 * caller can be added to one of them instead. A consultation is answered and closed directly (直接办结).
 */
import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Space, Tag, Typography, type UploadFile } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { URGENCIES, URGENCY_LABELS, type Me, type SearchHit, type SimilarCase, type Urgency } from '@liandong/contracts';
import { pick as inLang } from '../i18n.ts';
import { ApiFailure, call } from '../shared/api.ts';
import { AttachmentsUpload, uploadedIds } from '../shared/AttachmentsUpload.tsx';
import { LazyMap } from '../map/LazyMap.tsx';
import type { LngLat } from '../map/crs.ts';
import { useDebounced } from '../shared/use-debounced.ts';
import { CallerHistory } from './CallerHistory.tsx';
import { CategorySelect } from './CategorySelect.tsx';
import { SimilarCases } from './SimilarCases.tsx';
import { PlaceSearch } from './PlaceSearch.tsx';
import { StockPhrases } from './StockPhrases.tsx';
import { KnowledgeSuggestions } from './KnowledgeSuggestions.tsx';

interface IntakeValues {
  phone?: string;
  name?: string;
  anonymous?: boolean;
  confidential?: boolean;
  urgency?: Urgency;
  channel: string;
  nature: string;
  categoryCode?: string;
  description: string;
  address?: string;
  answer?: string;
  location?: LngLat;
}

/** The fields the server may name in a refusal, as the form calls them. */
const FIELD_OF: Record<string, keyof IntakeValues> = { 'reporter.phone': 'phone', 'reporter.name': 'name', channel: 'channel', nature: 'nature', categoryCode: 'categoryCode', description: 'description', address: 'address', location: 'location', answer: 'answer', articleId: 'answer' };

const newKey = () => `intake-${crypto.randomUUID()}`;

export function IntakePage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<IntakeValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [done, setDone] = useState<{ id: number; code: string; how: 'created' | 'answered' | 'added' } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // 知识推荐: the article the answer was taken from (sent with 直接办结, linked on the timeline).
  const [article, setArticle] = useState<SearchHit | null>(null);
  // One key per call taken: a retry after a lost answer registers the order once.
  const key = useRef(newKey());
  const point = Form.useWatch('location', form);
  const phone = Form.useWatch('phone', form) ?? '';
  const nature = Form.useWatch('nature', form);
  const categoryCode = Form.useWatch('categoryCode', form);
  const text = useDebounced(Form.useWatch('description', form) ?? '', 400);
  const lang = i18n.language;
  const natures = useQuery({ queryKey: ['natures'], queryFn: () => call('catalogue.listNatures'), staleTime: Infinity });
  const channels = useQuery({ queryKey: ['channels'], queryFn: () => call('catalogue.listChannels'), staleTime: Infinity });
  const place = useQuery({ queryKey: ['lookup', point], queryFn: () => call('territory.lookup', { query: point! }), enabled: Boolean(point) });
  const similarQuery = useMemo(() => (point ? { point, categoryCode, text: text.trim() || undefined } : null), [point, categoryCode, text]);
  const consultation = nature === 'consultation';
  const seesNumbers = me.permissions.includes('reporters.identity');
  const readsKnowledge = me.permissions.includes('knowledge.read');
  const useArticle = (h: SearchHit) => {
    setArticle(h);
    form.setFieldsValue({ nature: 'consultation', answer: h.answer });
  };

  const fail = (e: unknown) => {
    const field = e instanceof ApiFailure && e.field ? FIELD_OF[e.field.replace(/^\//, '').replace(/\//g, '.')] : undefined;
    if (field && e instanceof ApiFailure) form.setFields([{ name: field, errors: [e.message] }]);
    else setError(e instanceof ApiFailure ? e.message : t('error.unknown'));
  };
  const finish = async (result: { id: number; code: string; how: 'created' | 'answered' | 'added' }) => {
    setDone(result);
    setError(null);
    form.resetFields();
    setFiles([]);
    setArticle(null);
    key.current = newKey();
    // Ready for the next call: back to the top, the cursor in the number field.
    window.scrollTo({ top: 0 });
    (form.getFieldInstance('phone') as { focus?: () => void } | undefined)?.focus?.();
    await qc.invalidateQueries({ queryKey: ['orders'] });
    void message.success(t(`intake.done.${result.how}`, { code: result.code }));
  };
  const reporterOf = (v: IntakeValues) => ({
    ...(v.name ? { name: v.name } : {}),
    ...(v.phone ? { phone: v.phone } : {}),
    ...(v.anonymous ? { anonymous: true } : {}),
  });

  const register = useMutation({
    mutationFn: async (v: IntakeValues) => {
      const attachments = uploadedIds(files);
      const reporter = reporterOf(v);
      const order = await call('orders.createOrder', {
        headers: { 'idempotency-key': key.current },
        body: {
          channel: v.channel,
          nature: v.nature,
          description: v.description,
          location: v.location!,
          ...(v.address ? { address: v.address } : {}),
          ...(v.categoryCode ? { categoryCode: v.categoryCode } : {}),
          ...(v.confidential ? { confidential: true } : {}),
          ...(v.urgency && v.urgency !== 'normal' ? { urgency: v.urgency } : {}),
          ...(Object.keys(reporter).length ? { reporter } : {}),
          ...(attachments.length ? { attachments } : {}),
        },
      });
      if (v.nature === 'consultation' && v.answer) {
        await call('actions.answer', { params: { id: order.id }, body: { answer: v.answer, ...(article ? { articleId: article.id } : {}) } });
        return { id: order.id, code: order.code, how: 'answered' as const };
      }
      return { id: order.id, code: order.code, how: 'created' as const };
    },
    onSuccess: finish,
    onError: fail,
  });

  const addCaller = useMutation({
    mutationFn: async (c: SimilarCase) => {
      const v = form.getFieldsValue(true) as IntakeValues;
      if (!v.description?.trim()) throw new ApiFailure(400, 'invalid_field', t('intake.required', { field: t('intake.description') }), 'description');
      const o = await call('orders.addCaller', {
        params: { id: c.order.id },
        headers: { 'idempotency-key': key.current },
        body: { channel: v.channel ?? 'hotline', description: v.description, reporter: reporterOf(v) },
      });
      return { id: o.id, code: o.code, how: 'added' as const };
    },
    onSuccess: finish,
    onError: fail,
  });

  const pick = (p: LngLat) => {
    form.setFieldValue('location', p);
    void form.validateFields(['location']);
  };
  const required = (field: string) => [{ required: true, message: t('intake.required', { field }) }];
  const natureOptions = (natures.data ?? []).filter((n) => n.active).map((n) => ({ value: n.code, label: lang === 'en' ? n.nameEn : n.nameZh }));
  const channelOptions = (channels.data ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: lang === 'en' ? c.nameEn : c.nameZh }));

  return (
    <Row gutter={16} wrap={false} className="intake">
      <Col flex="520px" style={{ minWidth: 0 }}>
        <Card title={t('intake.title')} size="small">
          {done && (
            <Alert
              type="success"
              showIcon
              closable={{ onClose: () => setDone(null) }}
              style={{ marginBottom: 12 }}
              title={
                <span>
                  {t(`intake.done.${done.how}`, { code: done.code })} <Link to={`/orders/${done.id}`}>{t('intake.open')}</Link>
                </span>
              }
            />
          )}
          <Form<IntakeValues>
            form={form}
            layout="vertical"
            initialValues={{ channel: 'hotline', nature: 'complaint', urgency: 'normal' }}
            onFinish={(v) => {
              setError(null);
              register.mutate(v);
            }}
            requiredMark
          >
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="phone" label={t('intake.phone')} rules={[{ pattern: /^[0-9+-]{5,20}$/, message: t('intake.phoneInvalid') }]}>
                  <Input autoFocus inputMode="tel" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="name" label={t('intake.name')}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            {seesNumbers && phone && <CallerHistory phone={phone} />}
            <Space size={24} style={{ margin: '4px 0 12px' }}>
              <Form.Item name="anonymous" valuePropName="checked" noStyle>
                <Checkbox>{t('intake.anonymous')}</Checkbox>
              </Form.Item>
              <Form.Item name="confidential" valuePropName="checked" noStyle>
                <Checkbox>{t('intake.confidential')}</Checkbox>
              </Form.Item>
              <Space size={8}>
                <span id="intake-urgency">{t('intake.urgency')}</span>
                <Form.Item name="urgency" noStyle>
                  <Radio.Group aria-labelledby="intake-urgency" options={URGENCIES.map((u) => ({ value: u, label: inLang(URGENCY_LABELS[u], i18n.language) }))} />
                </Form.Item>
              </Space>
            </Space>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="channel" label={t('intake.channel')} rules={required(t('intake.channel'))}>
                  <Select options={channelOptions} showSearch={{ optionFilterProp: 'label' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="nature" label={t('intake.nature')} rules={required(t('intake.nature'))}>
                  <Select options={natureOptions} showSearch={{ optionFilterProp: 'label' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="categoryCode" label={t('intake.category')}>
              <CategorySelect />
            </Form.Item>
            <Form.Item name="description" label={t('intake.description')} rules={required(t('intake.description'))} extra={<StockPhrases onPick={(p) => form.setFieldValue('description', `${form.getFieldValue('description') ?? ''}${p}`)} />}>
              <Input.TextArea rows={3} maxLength={4000} showCount />
            </Form.Item>
            {readsKnowledge && <KnowledgeSuggestions text={text} picked={article?.id ?? null} onPick={useArticle} />}
            <Form.Item name="address" label={t('intake.address')}>
              <Input maxLength={300} autoComplete="off" />
            </Form.Item>
            <Form.Item label={t('intake.location')} required>
              <PlaceSearch onPick={pick} />
              <Form.Item name="location" noStyle rules={[{ required: true, message: t('intake.locationRequired') }]}>
                <PlaceReadout loading={place.isFetching} place={place.data} />
              </Form.Item>
            </Form.Item>
            {consultation && (
              <>
                {article && (
                  <Tag closable={{ 'aria-label': t('knowledge.unlink') }} color="green" onClose={() => setArticle(null)} style={{ marginBottom: 8 }}>
                    {t('knowledge.linked', { title: article.title })}
                  </Tag>
                )}
                <Form.Item name="answer" label={t('intake.answer')} rules={required(t('intake.answer'))} extra={t('intake.answerHint')}>
                  <Input.TextArea rows={3} maxLength={4000} />
                </Form.Item>
              </>
            )}
            <Form.Item label={t('intake.files')}>
              <AttachmentsUpload files={files} onChange={setFiles} />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Space>
              <Button type="primary" htmlType="submit" loading={register.isPending}>
                {consultation ? t('intake.answerAndClose') : t('intake.register')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFiles([]);
                  setArticle(null);
                  setError(null);
                }}
              >
                {t('intake.reset')}
              </Button>
            </Space>
          </Form>
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small" title={t('intake.map')} styles={{ body: { padding: 8 } }}>
            <LazyMap
              label={t('intake.mapLabel')}
              picked={point ?? null}
              pickedGrid={place.data?.grid?.code ?? null}
              onPick={pick}
              height="calc(100vh - 420px)"
            />
          </Card>
          <SimilarCases query={similarQuery} onAddCaller={(c) => addCaller.mutate(c)} adding={addCaller.isPending} />
        </Space>
      </Col>
    </Row>
  );
}

/** Where the picked point lies: town › village › grid (what the field shows instead of coordinates), and the point. */
function PlaceReadout({ place, loading, value }: { place?: { grid: { name: string } | null; village: { name: string | null } | null; town: { name: string | null } | null }; loading: boolean; value?: LngLat }) {
  const { t } = useTranslation();
  if (!value) return <span className="intake-place-empty">{t('intake.locationHint')}</span>;
  const names = place?.grid ? [place.town?.name, place.village?.name, place.grid.name].filter(Boolean).join(' › ') : t('intake.outside');
  return (
    <div className="intake-place" role="status" aria-label={t('intake.location')}>
      <Typography.Text strong>{loading ? '…' : names}</Typography.Text>
      <Typography.Text type="secondary" className="intake-place-point">
        {t('intake.coordinates')} {value.lng.toFixed(6)}, {value.lat.toFixed(6)}
      </Typography.Text>
    </div>
  );
}
