/**
 * 巡查上报: photos from the camera, the phone's position, a class from the grid's common ones or searched, the
 * description (the keyboard's voice input types it), and — when the worker solved it himself — 自行处置 with the
 * photos after. Submitted, it waits in the outbox until the server has it; kept as a draft, it can be finished
 * later, also without a GPS fix.
 */
import { useEffect, useState } from 'react';
import { Button, Form, Input, NavBar, Switch, TextArea, Toast } from 'antd-mobile';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session.ts';
import { enqueue } from '../outbox/outbox.ts';
import { useOutbox } from '../outbox/use-outbox.tsx';
import { PhotoPicker, type PickedPhoto } from '../photos/PhotoPicker.tsx';
import { FormAlert } from '../../shared/FormAlert.tsx';
import { PositionLine } from '../../shared/PositionLine.tsx';
import { usePosition, type Fix } from '../../shared/use-position.ts';
import { CategoryPicker, useFieldCategories } from './CategoryPicker.tsx';
import { deleteDraft, loadDraft, saveDraft } from './drafts.ts';

export function ReportPage() {
  const [params] = useSearchParams();
  const draftId = params.get('draft') ? Number(params.get('draft')) : undefined;
  const [loaded, setLoaded] = useState<Awaited<ReturnType<typeof loadDraft>> | undefined>(draftId ? undefined : null);
  useEffect(() => {
    if (draftId) void loadDraft(draftId).then(setLoaded);
  }, [draftId]);
  if (loaded === undefined) return null;
  return <ReportForm key={draftId ?? 'new'} draftId={loaded ? draftId : undefined} draft={loaded} />;
}

interface ReportValues {
  categoryCode?: string;
  description?: string;
  address?: string;
  selfHandle?: boolean;
  result?: string;
}

function ReportForm({ draftId, draft }: { draftId?: number; draft: Awaited<ReturnType<typeof loadDraft>> }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { syncNow } = useOutbox();
  const categories = useFieldCategories();
  const [form] = Form.useForm<ReportValues>();
  const v = draft?.draft.values ?? {};
  const position = usePosition(v.location ? { accuracy: 0, ...v.location } : undefined);
  const [photos, setPhotos] = useState<PickedPhoto[]>(draft?.photos ?? []);
  const [after, setAfter] = useState<PickedPhoto[]>(draft?.after ?? []);
  const selfHandle = Form.useWatch('selfHandle', form) ?? false;
  const [error, setError] = useState<string | null>(null);
  const fix: Fix | null = position.status === 'ok' ? position.fix : null;

  const submit = async () => {
    if (!me.data) return;
    const f = form.getFieldsValue();
    const description = f.description?.trim() ?? '';
    const result = f.result?.trim() ?? '';
    const problem = !photos.length
      ? t('fieldApp.report.needPhoto')
      : !fix
        ? t('fieldApp.report.needLocation')
        : !f.categoryCode
          ? t('fieldApp.report.needCategory')
          : !description
            ? t('fieldApp.report.needDescription')
            : f.selfHandle && !result
              ? t('fieldApp.report.needResult')
              : f.selfHandle && !after.length
                ? t('fieldApp.report.needAfterPhoto')
                : null;
    if (problem || !fix) return setError(problem);
    const category = categories.data?.find((c) => c.code === f.categoryCode);
    await enqueue(
      me.data.id,
      `${t('fieldApp.outbox.kinds.report')}：${category?.name ?? f.categoryCode}`,
      {
        kind: 'report',
        body: {
          channel: 'grid_patrol',
          nature: 'report',
          description,
          location: { lng: fix.lng, lat: fix.lat, crs: 'wgs84' },
          categoryCode: f.categoryCode,
          ...(f.address?.trim() ? { address: f.address.trim() } : {}),
        },
        ...(f.selfHandle ? { selfHandle: { result } } : {}),
      },
      [...photos.map((p) => ({ ...p, role: 'report' as const })), ...(f.selfHandle ? after.map((p) => ({ ...p, role: 'after' as const })) : [])],
    );
    if (draftId) await deleteDraft(draftId);
    Toast.show({ content: t('fieldApp.report.queued') });
    void syncNow();
    navigate('/outbox');
  };

  const keep = async () => {
    if (!me.data) return;
    const location = fix ? { location: { lng: fix.lng, lat: fix.lat, accuracy: fix.accuracy } } : {};
    await saveDraft(me.data.id, draftId, { ...form.getFieldsValue(), ...location }, photos, after);
    Toast.show({ content: t('fieldApp.report.draftSaved') });
    navigate('/outbox');
  };

  return (
    <>
      <NavBar backIcon={null}>{t('fieldApp.report.title')}</NavBar>
      <Form form={form} layout="vertical" name="report" initialValues={v}>
        <Form.Item label={t('fieldApp.report.photos')}>
          <PhotoPicker label={t('fieldApp.report.photos')} photos={photos} onChange={setPhotos} />
        </Form.Item>
        <Form.Item label={t('fieldApp.report.location')}>
          <PositionLine position={position} words="fieldApp.report" />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('fieldApp.report.category')}>
          <CategoryPicker />
        </Form.Item>
        <Form.Item name="description" label={t('fieldApp.report.description')}>
          <TextArea rows={4} maxLength={4000} showCount placeholder={t('fieldApp.report.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item name="address" label={t('fieldApp.report.address')}>
          <Input maxLength={300} clearable />
        </Form.Item>
        <Form.Item name="selfHandle" label={t('fieldApp.report.selfHandle')} valuePropName="checked" childElementPosition="right">
          <Switch aria-label={t('fieldApp.report.selfHandle')} />
        </Form.Item>
        <Form.Item name="result" label={t('fieldApp.report.result')} hidden={!selfHandle}>
          <TextArea rows={3} maxLength={2000} placeholder={t('fieldApp.report.resultPlaceholder')} />
        </Form.Item>
        {selfHandle && (
          <Form.Item label={t('fieldApp.report.afterPhotos')}>
            <PhotoPicker label={t('fieldApp.report.afterPhotos')} photos={after} onChange={setAfter} />
          </Form.Item>
        )}
      </Form>
      <FormAlert message={error} />
      <div className="field-actions">
        <Button size="large" onClick={() => void keep()}>
          {t('fieldApp.report.saveDraft')}
        </Button>
        <Button size="large" color="primary" onClick={() => void submit()}>
          {t('fieldApp.report.submit')}
        </Button>
      </div>
    </>
  );
}
