/**
 * 工作日历: a year as deadlines count it, month by month — rest days (休) and make-up working days (班) marked with
 * their names, each day's source on hover; an administrator sets a day or the working hours. Read-only for others.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { FormModal } from '../../shared/FormModal.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CalendarDayView } from '@liandong/contracts';
import { call } from '../../shared/api.ts';
import { showFormError } from '../../shared/form-errors.ts';
import { WorkingHoursForm } from './WorkingHoursForm.tsx';
import './calendar.css';

const WEEKDAYS_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const WEEKDAYS_EN = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

export function CalendarPage({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [day, setDay] = useState<CalendarDayView | null>(null);
  const [hours, setHours] = useState(false);
  const cal = useQuery({ queryKey: ['calendar', year], queryFn: () => call('calendar.readYear', { params: { year } }) });
  const weekdays = i18n.language === 'en' ? WEEKDAYS_EN : WEEKDAYS_ZH;
  const months = Array.from({ length: 12 }, (_, m) => (cal.data?.days ?? []).filter((d) => Number(d.day.slice(5, 7)) === m + 1));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap size={16}>
        <Space>
          <label htmlFor="calendar-year">{t('admin.calendar.year')}</label>
          <InputNumber id="calendar-year" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        </Space>
        {cal.data && <Typography.Text>{t('admin.calendar.workdays', { n: cal.data.workdays })}</Typography.Text>}
        {cal.data && (
          <Typography.Text>
            {t('admin.calendar.hours')}：{cal.data.workingPeriods.map(([a, b]) => `${a}–${b}`).join('，')}（{t('admin.calendar.hoursPerDay', { n: cal.data.hoursPerWorkday })}）
          </Typography.Text>
        )}
        {editable && <Button size="small" onClick={() => setHours(true)}>{t('admin.calendar.editHours')}</Button>}
      </Space>
      <Alert type="info" showIcon title={t('admin.calendar.note')} />
      <Row gutter={[12, 12]}>
        {months.map((days, m) => (
          <Col key={m} xs={24} md={12} xl={8} xxl={6}>
            <Card size="small" title={i18n.language === 'en' ? new Date(Date.UTC(year, m, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' }) : `${m + 1}月`}>
              <div className="ld-month" role="grid" aria-label={`${year}-${String(m + 1).padStart(2, '0')}`}>
                {weekdays.map((w) => (
                  <div key={w} className="ld-weekday" role="columnheader">{w}</div>
                ))}
                {days.length > 0 && Array.from({ length: (new Date(`${days[0]!.day}T00:00:00Z`).getUTCDay() + 6) % 7 }, (_, i) => <div key={`e${i}`} />)}
                {days.map((d) => (
                  <DayCell key={d.day} d={d} editable={editable} onClick={() => setDay(d)} />
                ))}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      {day && <DayForm day={day} onClose={() => setDay(null)} />}
      {hours && cal.data && <WorkingHoursForm periods={cal.data.workingPeriods} onClose={() => setHours(false)} />}
    </Space>
  );
}

function DayCell({ d, editable, onClick }: { d: CalendarDayView; editable: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  const weekend = [0, 6].includes(new Date(`${d.day}T00:00:00Z`).getUTCDay());
  const special = d.isWorkday === weekend; // a rest day in the week or a working weekend day
  const source = t(`admin.calendar.sources.${d.source ?? 'weekday'}`, { defaultValue: t('admin.calendar.sources.other') });
  const label = `${d.day} ${d.isWorkday ? t('admin.calendar.workday') : t('admin.calendar.rest')}${d.name ? ` ${d.name}` : ''}`;
  const cell = (
    <button type="button" className={`ld-day ${d.isWorkday ? 'work' : 'rest'} ${special ? 'special' : ''}`} aria-label={label} disabled={!editable} onClick={onClick}>
      <span>{Number(d.day.slice(8))}</span>
      {special && <Tag className="ld-day-tag" color={d.isWorkday ? 'blue' : 'red'}>{d.isWorkday ? t('admin.calendar.workday') : t('admin.calendar.rest')}</Tag>}
    </button>
  );
  return d.name || d.source ? <Tooltip title={`${d.name ?? ''} · ${t('admin.calendar.source')}：${source}`}>{cell}</Tooltip> : cell;
}

function DayForm({ day, onClose }: { day: CalendarDayView; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { isWorkday: boolean; name?: string }) => call('calendar.setDay', { params: { day: day.day }, body: { isWorkday: v.isWorkday, name: v.name?.trim() || null } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['calendar'] });
      onClose();
    },
    onError: (e) => showFormError(form, e, ['isWorkday', 'name'], setError),
  });
  return (
    <FormModal title={t('admin.calendar.setDay', { day: day.day })} form={form} onCancel={onClose} busy={save.isPending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="calendar-day" layout="vertical" initialValues={{ isWorkday: day.isWorkday, name: day.name ?? '' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item label={t('admin.calendar.isWorkday')} name="isWorkday">
          <Radio.Group options={[{ value: true, label: t('admin.calendar.asWorkday') }, { value: false, label: t('admin.calendar.asRest') }]} />
        </Form.Item>
        <Form.Item label={t('admin.calendar.dayName')} name="name" extra={t('admin.calendar.dayNameHint')}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
