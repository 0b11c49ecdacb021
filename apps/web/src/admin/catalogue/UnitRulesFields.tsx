/**
 * 责任单位 of a condition, one row per rule: 主办 or 协办 (buttons: two or three choices need no list); a unit, 属地 (the town's sub-centre, or the village's
 * station when the sub-centre dispatches) or 权属单位 (the owner of the component the order names); for every area or
 * one town or village. Rows are added and removed; the server says what a usable set is (one lead per area…).
 */
import { useMemo } from 'react';
import { Button, Form, Radio, Select, Space, TreeSelect, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UNIT_ROLE_LABELS, UNIT_ROLES } from '@liandong/contracts';
import { pick } from '../../i18n.ts';
import { call } from '../../shared/api.ts';
import { unitTree } from '../org/unit-tree.ts';
import { NEW_RULE, type RuleRow } from './unit-rules.ts';

/** One rule per row, its controls in fixed columns (the unit's column stays when the rule names none). */
const ROW = { display: 'grid', gridTemplateColumns: 'max-content max-content minmax(0, 1fr) 200px 32px', gap: 8, alignItems: 'start' } as const;
const CELL = { marginBottom: 8 } as const;

export function UnitRulesFields() {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance();
  const units = useQuery({ queryKey: ['units'], queryFn: () => call('catalogue.listUnits'), staleTime: 300_000 });
  const divisions = useQuery({ queryKey: ['divisions'], queryFn: () => call('territory.listDivisions'), staleTime: 600_000 });
  const tree = useMemo(() => unitTree(units.data ?? []), [units.data]);
  const areas = useMemo(() => {
    const towns = new Map((divisions.data ?? []).filter((d) => d.level === 'town').map((d) => [d.code, d.name]));
    return [
      { value: '', label: t('admin.catalogue.everywhere') },
      ...(divisions.data ?? [])
        .filter((d) => d.level === 'town' || d.level === 'village')
        .map((d) => ({ value: d.code, label: d.level === 'village' && d.parentCode ? `${towns.get(d.parentCode) ?? ''} ${d.name}` : d.name })),
    ];
  }, [divisions.data, t]);
  const targets = (['unit', 'territorial', 'owner'] as const).map((v) => ({ value: v, label: t(`admin.catalogue.targets.${v}`) }));
  const roles = UNIT_ROLES.map((r) => ({ value: r, label: pick(UNIT_ROLE_LABELS[r], i18n.language) }));
  const rows = (Form.useWatch('units', form) ?? []) as RuleRow[];
  return (
    <Form.List name="units">
      {(fields, { add, remove }, { errors }) => (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Text strong>{t('admin.catalogue.units')}</Typography.Text>
          {fields.map((field, i) => {
            const n = i + 1;
            const target = rows[i]?.target;
            return (
              <div key={field.key} style={ROW}>
                <Form.Item name={[field.name, 'role']} style={CELL}>
                  <Radio.Group aria-label={t('admin.catalogue.ruleRole', { n })} optionType="button" buttonStyle="solid" options={roles} />
                </Form.Item>
                <Form.Item name={[field.name, 'target']} style={CELL}>
                  <Radio.Group aria-label={t('admin.catalogue.ruleTarget', { n })} optionType="button" options={targets} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'unitId']}
                  style={CELL}
                  hidden={target !== 'unit'}
                  rules={target === 'unit' ? [{ required: true, message: t('action.required', { field: t('admin.catalogue.ruleUnit', { n }) }) }] : []}
                >
                  <TreeSelect aria-label={t('admin.catalogue.ruleUnit', { n })} showSearch treeNodeFilterProp="title" treeData={tree as never} placeholder={t('admin.catalogue.chooseUnit')} />
                </Form.Item>
                {target !== 'unit' && <div />}
                <Form.Item name={[field.name, 'areaCode']} style={CELL} getValueProps={(v) => ({ value: v ?? '' })} normalize={(v) => v || null}>
                  <Select aria-label={t('admin.catalogue.ruleArea', { n })} showSearch={{ optionFilterProp: 'label' }} options={areas} />
                </Form.Item>
                <Button aria-label={t('admin.catalogue.removeRule', { n })} icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={fields.length === 1} />
              </div>
            );
          })}
          {errors.length > 0 && (
            <Typography.Text type="danger" role="alert">
              <Form.ErrorList errors={errors} />
            </Typography.Text>
          )}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ ...NEW_RULE })}>
            {t('admin.catalogue.addRule')}
          </Button>
          <Typography.Text type="secondary">{t('admin.catalogue.unitsHint')}</Typography.Text>
        </Space>
      )}
    </Form.List>
  );
}
