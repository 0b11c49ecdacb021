/**
 * 新增大类 / 新增小类 / 修改分类: code (when added), kind (a major; a minor takes its major's), name in Chinese and
 * English, its source (标准依据) and order. Refusals next to their field.
 */
import { useState } from 'react';
import { Alert, Form, Input, InputNumber, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CATALOGUE_CODE_PATTERN, CATEGORY_KIND_LABELS, CATEGORY_KINDS, type CategoryAdmin } from '@liandong/contracts';
import { pick } from '../../i18n.ts';
import { call } from '../../shared/api.ts';
import { FormModal } from '../../shared/FormModal.tsx';
import { showFormError } from '../../shared/form-errors.ts';

const FIELDS = ['code', 'kind', 'parentCode', 'name', 'nameEn', 'standardRef', 'sort'] as const;

interface Props {
  /** absent: a new category — a major, or a minor under `parent` */
  category?: CategoryAdmin;
  parent?: CategoryAdmin;
  onClose: (saved?: CategoryAdmin) => void;
}

export function CategoryForm({ category, parent, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (v: Record<string, unknown>) => {
      const text = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : null);
      const common = { name: v.name, nameEn: text(v.nameEn), standardRef: text(v.standardRef), ...(v.sort == null ? {} : { sort: v.sort }) };
      if (category) return call('admin.updateCategory', { params: { code: category.code }, body: common as never });
      const placement = parent ? { kind: parent.kind, level: 'minor', parentCode: parent.code } : { kind: v.kind, level: 'major' };
      return call('admin.createCategory', { body: { ...common, ...placement, code: v.code } as never });
    },
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: ['admin-categories'] });
      await qc.invalidateQueries({ queryKey: ['categories'] });
      onClose(saved);
    },
    onError: (e) => showFormError(form, e, FIELDS, setError),
  });
  const required = (field: string) => [{ required: true, message: t('action.required', { field }) }];
  const title = category
    ? `${t('admin.catalogue.editCategory')} · ${category.name}`
    : parent
      ? `${t('admin.catalogue.addMinor')} · ${parent.name}`
      : t('admin.catalogue.addMajor');
  return (
    <FormModal title={title} form={form} onCancel={() => onClose()} busy={save.isPending}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={category ?? { kind: 'event' }} onFinish={(v) => save.mutate(v)}>
        {!category && (
          <Form.Item
            name="code"
            label={t('admin.catalogue.categoryCode')}
            extra={t('admin.catalogue.codeHint')}
            rules={[...required(t('admin.catalogue.categoryCode')), { pattern: new RegExp(CATALOGUE_CODE_PATTERN), message: t('admin.catalogue.codeHint') }]}
          >
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        )}
        {!category && !parent && (
          <Form.Item name="kind" label={t('admin.catalogue.kind')}>
            <Select options={CATEGORY_KINDS.map((k) => ({ value: k, label: pick(CATEGORY_KIND_LABELS[k], i18n.language) }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('admin.catalogue.name')} rules={required(t('admin.catalogue.name'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.catalogue.nameEn')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="standardRef" label={t('admin.catalogue.standardRef')} extra={t('admin.catalogue.standardRefHint')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="sort" label={t('admin.catalogue.sort')} extra={category ? undefined : t('admin.catalogue.sortHint')}>
          <InputNumber min={0} max={100_000} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
