/**
 * 反映问题: photos, the phone's position, the kind of request, the words, and how to be called back (or anonymous).
 * Before it goes, the public reports of the same kind nearby are shown (duplicate detection): "我也遇到" adds the
 * citizen to one of them instead of making another order. Signed in (我的), the number is his, filled in and locked:
 * the server calls back the number he proved whatever the form sends.
 */
import { useEffect, useState } from 'react';
import { Button, Form, Input, Selector, Switch, TextArea } from 'antd-mobile';
import { PortalNavBar } from '../PortalNavBar.tsx';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../shared/FormAlert.tsx';
import { PORTAL_NATURES, type PublicReportInput } from '@liandong/contracts';
import { ApiFailure, call } from '../../shared/api.ts';
import { useDebounced } from '../../shared/use-debounced.ts';
import { usePosition } from '../../shared/use-position.ts';
import { NearbyReports } from './NearbyReports.tsx';
import { PortalPhotos, type UploadedPhoto } from './PortalPhotos.tsx';
import { PlacePicker } from './PlacePicker.tsx';
import type { LngLat } from '../../map/crs.ts';
import { useCitizen } from '../mine/use-citizen.ts';

interface Values {
  nature: (typeof PORTAL_NATURES)[number][];
  category?: string[];
  description?: string;
  address?: string;
  anonymous?: boolean;
  name?: string;
  phone?: string;
}

const MOBILE = /^1[3-9][0-9]{9}$/;

/** The classes as buttons, named as a group for assistive technology (a form control: value and onChange from the form). */
function CategoryChoice({ options, label, value, onChange }: { options: { code: string; name: string }[]; label: string; value?: string[]; onChange?: (v: string[]) => void }) {
  return (
    <div role="group" aria-label={label}>
      <Selector columns={2} value={value} onChange={onChange} options={options.map((c) => ({ label: c.name, value: c.code }))} />
    </div>
  );
}

export function ReportPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const position = usePosition();
  const citizen = useCitizen().data;
  useEffect(() => {
    if (citizen) form.setFieldsValue({ phone: citizen.phone });
  }, [citizen, form]);
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per report: a retry after a lost answer gets the same tracking code, never a second order.
  const [key] = useState(() => crypto.randomUUID());
  const description = useDebounced((Form.useWatch('description', form) ?? '').trim(), 600);
  // A point picked on the map wins over the phone's position.
  const [picked, setPicked] = useState<LngLat | null>(null);
  const fix = picked ?? (position.status === 'ok' ? position.fix : null);
  const categories = useQuery({ queryKey: ['portal', 'categories', i18n.language], queryFn: () => call('portal.categories'), staleTime: 3_600_000 });
  const categoryCode = (Form.useWatch('category', form) ?? [])[0];
  const nearby = useQuery({
    queryKey: ['portal', 'nearby', fix?.lng, fix?.lat, description, categoryCode],
    queryFn: () => call('portal.nearby', { query: { lng: fix!.lng, lat: fix!.lat, ...(categoryCode ? { categoryCode } : {}), ...(description.length >= 2 ? { text: description } : {}) } }),
    enabled: !!fix,
    // The list stays while it is checked against his latest words: it must not vanish under his finger.
    placeholderData: keepPreviousData,
  });

  const reporter = (v: Values) => {
    const phone = v.phone?.trim();
    if (phone && !MOBILE.test(phone)) throw new Error(t('portal.report.badPhone'));
    const r = { ...(v.name?.trim() ? { name: v.name.trim() } : {}), ...(phone ? { phone } : {}), ...(v.anonymous ? { anonymous: true } : {}) };
    return Object.keys(r).length ? { reporter: r } : {};
  };

  const submit = async () => {
    const v = form.getFieldsValue();
    setError(null);
    if (!fix) return setError(t('portal.report.needLocation'));
    if ((v.description ?? '').trim().length < 5) return setError(t('portal.report.needDescription'));
    let who;
    try {
      who = reporter(v);
    } catch (e) {
      return setError((e as Error).message);
    }
    const body: PublicReportInput = {
      nature: v.nature?.[0] ?? 'complaint',
      ...(v.category?.[0] ? { categoryCode: v.category[0] } : {}),
      description: v.description!.trim(),
      location: { lng: fix.lng, lat: fix.lat, crs: 'wgs84' },
      ...(v.address?.trim() ? { address: v.address.trim() } : {}),
      ...who,
      ...(photos.length ? { photos: photos.map((p) => p.id) } : {}),
    };
    setBusy(true);
    try {
      const receipt = await call('portal.report', { body, headers: { 'idempotency-key': key } });
      navigate(`/done/${receipt.trackingCode}`, { state: receipt });
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : t('error.unknown'));
    } finally {
      setBusy(false);
    }
  };

  const meToo = async (code: string) => {
    const v = form.getFieldsValue();
    let who;
    try {
      who = reporter(v);
    } catch (e) {
      return setError((e as Error).message);
    }
    try {
      const receipt = await call('portal.meToo', {
        params: { code },
        body: { ...who, ...(v.description?.trim() ? { description: v.description.trim() } : {}) },
        headers: { 'idempotency-key': `${key}:${code}` },
      });
      navigate(`/done/${receipt.trackingCode}`, { state: receipt });
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : t('error.unknown'));
    }
  };

  return (
    <>
      <PortalNavBar onBack={() => navigate('/')}>{t('portal.report.title')}</PortalNavBar>
      <Form form={form} name="report" layout="vertical" initialValues={{ nature: ['complaint'] }}>
        <Form.Item label={t('portal.report.photos')}>
          <PortalPhotos photos={photos} onChange={setPhotos} onError={setError} />
        </Form.Item>
        <Form.Item label={t('portal.report.location')}>
          <PlacePicker position={position} picked={picked} onPick={setPicked} />
        </Form.Item>
        <Form.Item name="address" label={t('portal.report.address')}>
          <Input maxLength={200} clearable placeholder={t('portal.report.addressPlaceholder')} />
        </Form.Item>
        <Form.Item name="nature" label={t('portal.report.nature')}>
          <Selector columns={i18n.language === 'en' ? 2 : 4} options={PORTAL_NATURES.map((n) => ({ label: t(`portal.natures.${n}`), value: n }))} />
        </Form.Item>
        {categories.data && categories.data.length > 0 && (
          <Form.Item name="category" label={t('portal.report.category')} description={t('portal.report.categoryHint')}>
            <CategoryChoice options={categories.data} label={t('portal.report.category')} />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('portal.report.description')}>
          <TextArea rows={4} maxLength={2000} showCount placeholder={t('portal.report.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item name="phone" label={t('portal.report.phone')} description={citizen ? t('portal.report.phoneSignedIn') : undefined}>
          <Input type="tel" inputMode="numeric" maxLength={11} clearable={!citizen} readOnly={!!citizen} />
        </Form.Item>
        <Form.Item name="name" label={t('portal.report.name')}>
          <Input maxLength={60} clearable />
        </Form.Item>
        <Form.Item name="anonymous" label={t('portal.report.anonymous')} valuePropName="checked" childElementPosition="right">
          <Switch aria-label={t('portal.report.anonymous')} />
        </Form.Item>
      </Form>
      {nearby.data && nearby.data.items.length > 0 && <NearbyReports items={nearby.data.items} onMeToo={(code) => void meToo(code)} />}
      <FormAlert message={error} />
      <p className="portal-muted" style={{ padding: '0 16px' }}>
        {t('portal.privacy')}
      </p>
      <div className="portal-actions">
        <Button block color="primary" size="large" loading={busy} onClick={() => void submit()}>
          {t('portal.report.submit')}
        </Button>
      </div>
    </>
  );
}
