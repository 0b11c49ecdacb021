/**
 * 网格管理: the grids of a town (or found by code or name) with their base figures and workers, one shown on the map
 * with its outline, and its name and figures corrected in a form. Outlines come from grid files (网格导入); the
 * workers are the grid workers whose data scope names the grid (用户管理).
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table } from 'antd';
import { FormModal } from '../shared/FormModal.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { GridView } from '@liandong/contracts';
import { call } from '../shared/api.ts';
import { showFormError } from '../shared/form-errors.ts';
import { LazyMap } from '../map/LazyMap.tsx';

export function GridManager() {
  const { t } = useTranslation();
  const divisions = useQuery({ queryKey: ['divisions'], queryFn: () => call('territory.listDivisions'), staleTime: 600_000 });
  const towns = (divisions.data ?? []).filter((d) => d.level === 'town');
  const [townCode, setTownCode] = useState<string | undefined>();
  const [search, setSearch] = useState<string | undefined>();
  const [level, setLevel] = useState(4);
  const [shown, setShown] = useState<GridView | null>(null);
  const [editing, setEditing] = useState<GridView | null>(null);
  const town = townCode ?? towns[0]?.code;
  const grids = useQuery({
    queryKey: ['admin-grids', town, search, level],
    queryFn: () => call('territory.listGrids', { query: { ...(search ? { search } : { townCode: town }), level, limit: 1000 } }),
    enabled: Boolean(town || search),
  });
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('admin.gridEdit.title')}>
          <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
            <Form.Item label={t('admin.gridEdit.town')} htmlFor="grid-town">
              <Select id="grid-town" style={{ width: 180 }} value={town} options={towns.map((d) => ({ value: d.code, label: d.name }))} onChange={(v) => { setTownCode(v); setSearch(undefined); }} />
            </Form.Item>
            <Form.Item label={t('admin.gridEdit.level')} htmlFor="grid-level">
              <Select id="grid-level" style={{ width: 120 }} value={level} options={[1, 2, 3, 4].map((l) => ({ value: l, label: t(`admin.gridEdit.levels.${l}`) }))} onChange={setLevel} />
            </Form.Item>
            <Form.Item label={t('admin.gridEdit.search')} htmlFor="grid-search">
              <Input.Search id="grid-search" allowClear style={{ width: 220 }} onSearch={(q) => setSearch(q.trim() || undefined)} />
            </Form.Item>
          </Form>
          <Table<GridView>
            size="small"
            rowKey="code"
            aria-label={t('admin.gridEdit.title')}
            loading={grids.isFetching}
            dataSource={grids.data ?? []}
            pagination={{ pageSize: 12, showSizeChanger: false }}
            rowClassName={(g) => (g.code === shown?.code ? 'ant-table-row-selected' : '')}
            columns={[
              { title: t('admin.gridEdit.code'), dataIndex: 'code', width: 150 },
              { title: t('admin.gridEdit.name'), dataIndex: 'name', ellipsis: true },
              { title: t('admin.gridEdit.village'), key: 'village', width: 120, ellipsis: true, render: (_, g) => g.village?.name ?? '—' },
              { title: t('admin.gridEdit.households'), dataIndex: 'households', width: 70, render: (n: number | null) => n ?? '—' },
              { title: t('admin.gridEdit.population'), dataIndex: 'population', width: 80, render: (n: number | null) => n ?? '—' },
              { title: t('admin.gridEdit.workers'), key: 'workers', width: 130, ellipsis: true, render: (_, g) => g.workers.map((w) => w.name).join('、') || t('admin.gridEdit.none') },
              {
                title: t('admin.users.actions'),
                key: 'actions',
                width: 110,
                render: (_, g) => (
                  <Space size={0}>
                    <Button size="small" type="link" aria-label={`${t('admin.gridEdit.show')} ${g.code}`} onClick={() => setShown(g)}>{t('admin.gridEdit.show')}</Button>
                    <Button size="small" type="link" aria-label={`${t('admin.gridEdit.edit')} ${g.code}`} onClick={() => setEditing(g)}>{t('admin.gridEdit.edit')}</Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={shown ? `${t('admin.gridEdit.map')} · ${shown.name}` : t('admin.gridEdit.map')}>
          <LazyMap key={shown?.code ?? 'all'} label={t('admin.gridEdit.map')} picked={shown?.point ?? null} pickedGrid={shown?.code ?? null} focus={Boolean(shown)} focusZoom={14 - (4 - (shown?.level ?? 4)) * 1.5} height={520} />
        </Card>
      </Col>
      {editing && <GridForm grid={editing} onClose={(saved) => { setEditing(null); if (saved && shown?.code === saved.code) setShown(saved); }} />}
    </Row>
  );
}

const FIELDS = ['name', 'households', 'population', 'enterprises'] as const;

function GridForm({ grid, onClose }: { grid: GridView; onClose: (saved?: GridView) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      call('admin.updateGrid', { params: { code: grid.code }, body: Object.fromEntries(FIELDS.map((f) => [f, v[f] ?? null]).filter(([f, x]) => f !== 'name' || x)) as never }),
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: ['admin-grids'] });
      onClose(saved);
    },
    onError: (e) => showFormError(form, e, FIELDS, setError),
  });
  return (
    <FormModal title={`${t('admin.gridEdit.edit')} · ${grid.code}`} form={form} onCancel={() => onClose()} busy={save.isPending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="grid" layout="vertical" initialValues={grid} onFinish={(v) => save.mutate(v)}>
        <Form.Item label={t('admin.gridEdit.name')} name="name" rules={[{ required: true, message: t('action.required', { field: t('admin.gridEdit.name') }) }]}>
          <Input maxLength={100} />
        </Form.Item>
        {(['households', 'population', 'enterprises'] as const).map((f) => (
          <Form.Item key={f} label={t(`admin.gridEdit.${f}`)} name={f}>
            <InputNumber min={0} precision={0} style={{ width: 200 }} />
          </Form.Item>
        ))}
      </Form>
    </FormModal>
  );
}
