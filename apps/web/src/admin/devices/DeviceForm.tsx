/**
 * 注册设备 / 修改设备: code (when registered), name, kind and place — clicked on the territory map or typed as
 * coordinates in WGS-84, GCJ-02 or BD-09; where the point lies (town › village › grid) is shown as it is chosen.
 * A refusal appears next to its field (a place outside every grid at the coordinates).
 */
import { useState } from 'react';
import { Alert, Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CRS_CODES, DEVICE_KINDS, type CrsCode, type DeviceView } from '@liandong/contracts';
import { ApiFailure, call } from '../../shared/api.ts';
import { showFieldError } from '../../shared/form-errors.ts';
import { LazyMap } from '../../map/LazyMap.tsx';

const FIELDS = ['code', 'name', 'kind', 'lng', 'lat', 'crs'] as const;
/** The server names the place `location` (outside every grid) or `location.lng`…; the form asks for it in parts. */
const ALIAS = { location: 'lng', 'location.lng': 'lng', 'location.lat': 'lat', 'location.crs': 'crs' };

interface Values {
  code: string;
  name: string;
  kind: DeviceView['kind'];
  lng?: number;
  lat?: number;
  crs: CrsCode;
}

export function DeviceForm({ device, onClose }: { device?: DeviceView; onClose: (created?: { device: DeviceView; secret: string }) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const lng = Form.useWatch('lng', form);
  const lat = Form.useWatch('lat', form);
  const crs = Form.useWatch('crs', form) ?? 'wgs84';
  const point = typeof lng === 'number' && typeof lat === 'number' ? { lng, lat, crs } : null;
  const place = useQuery({ queryKey: ['lookup', point], queryFn: () => call('territory.lookup', { query: point! }), enabled: Boolean(point) });
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const location = { lng: v.lng!, lat: v.lat!, crs: v.crs };
      const body = { name: v.name.trim(), kind: v.kind, location };
      if (device) {
        await call('devices.updateDevice', { params: { id: device.id }, body });
        return undefined;
      }
      return call('devices.createDevice', { body: { ...body, code: v.code.trim() } });
    },
    onSuccess: async (created) => {
      await qc.invalidateQueries({ queryKey: ['admin-devices'] });
      onClose(created);
    },
    onError: (e) => {
      if (showFieldError(form, e, FIELDS, ALIAS)) setError(null);
      else setError(e instanceof ApiFailure ? e.message : t('error.unknown'));
    },
  });
  const required = (label: string) => [{ required: true, message: t('action.required', { field: label }) }];
  const initial: Partial<Values> = device
    ? { code: device.code, name: device.name, kind: device.kind, lng: device.location.lng, lat: device.location.lat, crs: 'wgs84' }
    : { kind: 'camera', crs: 'wgs84' };
  // The map speaks WGS-84: a click sets the point in it.
  const picked = point && crs === 'wgs84' ? { lng: point.lng, lat: point.lat } : device && !point ? device.location : null;
  const names = place.data?.grid ? [place.data.town?.name, place.data.village?.name, place.data.grid.name].filter(Boolean).join(' › ') : null;
  return (
    <Drawer
      open
      size={720}
      maskClosable={false}
      title={device ? t('admin.devices.editTitle', { code: device.code }) : t('admin.devices.register')}
      onClose={() => onClose()}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={() => onClose()}>{t('action.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('action.submit')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="device" layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label={t('admin.devices.code')} name="code" rules={device ? [] : required(t('admin.devices.code'))} extra={device ? undefined : t('admin.devices.codeHint')}>
              <Input disabled={Boolean(device)} maxLength={64} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('admin.devices.kind')} name="kind">
              <Radio.Group optionType="button" options={DEVICE_KINDS.map((k) => ({ value: k, label: t(`admin.devices.kinds.${k}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('admin.devices.name')} name="name" rules={required(t('admin.devices.name'))} extra={t('admin.devices.nameHint')}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label={t('admin.devices.lng')} name="lng" rules={[{ required: true, message: t('admin.devices.pickFirst') }]}>
              <InputNumber min={-180} max={180} step={0.0001} precision={6} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('admin.devices.lat')} name="lat" rules={[{ required: true, message: t('admin.devices.pickFirst') }]}>
              <InputNumber min={-90} max={90} step={0.0001} precision={6} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('admin.devices.crs')} name="crs">
              <Select options={CRS_CODES.map((c) => ({ value: c, label: t(`admin.devices.crsNames.${c}`) }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('admin.devices.mapHint')}
        {names && (
          <Typography.Text strong role="status" aria-label={t('admin.devices.grid')} style={{ marginLeft: 8 }}>
            {names}
          </Typography.Text>
        )}
      </Typography.Paragraph>
      <LazyMap label={t('admin.devices.mapLabel')} picked={picked} pickedGrid={place.data?.grid?.code ?? device?.gridCode ?? null} onPick={(p) => form.setFieldsValue({ lng: round(p.lng), lat: round(p.lat), crs: 'wgs84' })} height={380} />
    </Drawer>
  );
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
