/**
 * 现场核实 / 现场核查: the order as reported (its words, photos, place and clock), then the worker's finding with
 * photos, a remark and where he stands. Submitting puts it in the outbox (sent now if there is a network, later if
 * not); nothing says "done" before the server has it — the outbox shows when it arrived.
 */
import { useState } from 'react';
import { Button, Form, Image, List, NavBar, Radio, Space, TextArea, Toast } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session.ts';
import { formatTime } from '../../shared/time.ts';
import { enqueue } from '../outbox/outbox.ts';
import { useOutbox } from '../outbox/use-outbox.tsx';
import { PhotoPicker, type PickedPhoto } from '../photos/PhotoPicker.tsx';
import { LightDot } from '../shell/LightDot.tsx';
import { FormAlert } from '../../shared/FormAlert.tsx';
import { PositionLine } from '../../shared/PositionLine.tsx';
import { usePosition } from '../../shared/use-position.ts';
import { useOrder, type TaskKind } from './use-tasks.ts';

export function TaskPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const order = useOrder(id);
  const me = useMe();
  const { syncNow } = useOutbox();
  const navigate = useNavigate();
  const position = usePosition();
  const [form] = Form.useForm<{ finding: 'yes' | 'no'; note?: string }>();
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const o = order.data;
  const kind: TaskKind | null = (['verify', 'check', 'escalate'] as const).find((k) => o?.allowedActions.includes(k)) ?? null;

  const submit = async () => {
    if (!o || !kind || !me.data) return;
    const { finding, note = '' } = form.getFieldsValue();
    const yes = finding === 'yes';
    if (!note.trim()) return setError(kind === 'escalate' ? t('fieldApp.task.needReason') : t('fieldApp.task.needNote'));
    if (kind === 'verify' && yes && !photos.length) return setError(t('fieldApp.task.needPhoto'));
    if (kind === 'verify' && yes && position.status !== 'ok') return setError(t('fieldApp.report.needLocation'));
    const location = position.status === 'ok' ? { lng: position.fix.lng, lat: position.fix.lat, crs: 'wgs84' as const } : undefined;
    const site = location ? { location } : {};
    const body = kind === 'verify' ? { confirmed: yes, note: note.trim(), ...site } : kind === 'check' ? { passed: yes, note: note.trim(), ...site } : { reason: note.trim() };
    await enqueue(
      me.data.id,
      `${t(`fieldApp.outbox.kinds.${kind}`)} ${o.code}`,
      { kind, orderId: o.id, orderCode: o.code, body },
      photos.map((p) => ({ ...p, role: 'report' as const })),
    );
    Toast.show({ content: t('fieldApp.task.queued') });
    void syncNow();
    navigate('/');
  };

  const reportPhotos = o?.timeline.find((e) => e.action === 'create')?.attachments.filter((f) => f.contentType.startsWith('image/')) ?? [];
  const handling = o?.timeline.filter((e) => e.action === 'feedback').at(-1);
  return (
    <>
      <NavBar onBack={() => navigate(-1)}>{kind ? t(`fieldApp.task.${kind}Title`) : t('fieldApp.task.detailTitle')}</NavBar>
      {o && (
        <>
          <List header={t('fieldApp.task.reported')}>
            <List.Item description={o.description} extra={<LightDot light={o.light} />}>
              {o.category?.name ?? ''} · {o.code}
            </List.Item>
            {o.address && <List.Item>{o.address}</List.Item>}
            {o.deadlines
              .filter((d) => d.running)
              .map((d) => (
                <List.Item key={d.step}>{t('fieldApp.tasks.due', { at: formatTime(d.dueAt) })}</List.Item>
              ))}
            {reportPhotos.length > 0 && (
              <List.Item>
                <Space wrap>
                  {reportPhotos.map((f) => (
                    <Image key={f.id} src={`/api/v1/files/${f.id}`} width={72} height={72} fit="cover" alt={f.name} />
                  ))}
                </Space>
              </List.Item>
            )}
            {handling?.note && <List.Item description={handling.note}>{t('fieldApp.task.result')}</List.Item>}
          </List>
          {kind && (
            <Form form={form} layout="vertical" name="task" initialValues={{ finding: 'yes' }}>
              {kind !== 'escalate' && (
                <Form.Item name="finding" label={kind === 'verify' ? t('fieldApp.task.confirmed') : t('fieldApp.task.passed')}>
                  <Radio.Group>
                    <Space direction="vertical">
                      <Radio value="yes">{kind === 'verify' ? t('fieldApp.task.confirmedYes') : t('fieldApp.task.passedYes')}</Radio>
                      <Radio value="no">{kind === 'verify' ? t('fieldApp.task.confirmedNo') : t('fieldApp.task.passedNo')}</Radio>
                    </Space>
                  </Radio.Group>
                </Form.Item>
              )}
              <Form.Item name="note" label={kind === 'escalate' ? t('fieldApp.task.reason') : t('fieldApp.task.note')}>
                <TextArea rows={3} maxLength={2000} placeholder={kind === 'escalate' ? t('fieldApp.task.reasonPlaceholder') : t('fieldApp.task.notePlaceholder')} />
              </Form.Item>
              {kind !== 'escalate' && (
                <>
                  <Form.Item label={t('fieldApp.task.photos')}>
                    <PhotoPicker label={t('fieldApp.task.photos')} photos={photos} onChange={setPhotos} />
                  </Form.Item>
                  <Form.Item label={t('fieldApp.report.location')}>
                    <PositionLine position={position} words="fieldApp.report" />
                  </Form.Item>
                </>
              )}
            </Form>
          )}
          <FormAlert message={error} />
          {kind && (
            <div className="field-actions">
              <Button block color="primary" size="large" onClick={() => void submit()}>
                {t('fieldApp.task.submit')}
              </Button>
            </div>
          )}
        </>
      )}
    </>
  );
}
