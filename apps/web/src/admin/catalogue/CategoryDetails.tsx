/** 分类信息: a category's code, kind, level, major, names, source, order, use and conditions; change it, add a minor class below a major, take it out of use or back. */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CATEGORY_KIND_LABELS, CATEGORY_LEVEL_LABELS, type CategoryAdmin } from '@liandong/contracts';
import { pick } from '../../i18n.ts';
import { ApiFailure, call } from '../../shared/api.ts';

interface Props {
  category: CategoryAdmin;
  parent?: CategoryAdmin;
  onEdit: () => void;
  onAddMinor: () => void;
}

export function CategoryDetails({ category, parent, onEdit, onAddMinor }: Props) {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const toggle = useMutation({
    mutationFn: (active: boolean) => call('admin.updateCategory', { params: { code: category.code }, body: { active } }),
    onSuccess: async () => {
      setError(null);
      await Promise.all([qc.invalidateQueries({ queryKey: ['admin-categories'] }), qc.invalidateQueries({ queryKey: ['categories'] })]);
    },
    onError: (e) => setError({ code: category.code, message: e instanceof ApiFailure ? e.message : t('error.unknown') }),
  });
  const lang = i18n.language;
  const disable = () =>
    modal.confirm({
      title: t('admin.catalogue.confirmDisable', { name: category.name }),
      content: t('admin.catalogue.disableHint'),
      okText: t('action.submit'),
      cancelText: t('action.cancel'),
      onOk: () => toggle.mutateAsync(false).catch(() => undefined),
    });
  return (
    <Card
      size="small"
      title={`${t('admin.catalogue.details')} · ${category.name}`}
      extra={
        <Space>
          <Button size="small" onClick={onEdit}>{t('admin.catalogue.edit')}</Button>
          {category.level === 'major' && category.active && <Button size="small" onClick={onAddMinor}>{t('admin.catalogue.addMinor')}</Button>}
          {category.active ? (
            <Button size="small" danger loading={toggle.isPending} onClick={disable}>{t('admin.catalogue.disable')}</Button>
          ) : (
            <Button size="small" loading={toggle.isPending} onClick={() => toggle.mutate(true)}>{t('admin.catalogue.enable')}</Button>
          )}
        </Space>
      }
    >
      {error?.code === category.code && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Descriptions size="small" column={{ xs: 1, xl: 3 }} bordered>
        <Descriptions.Item label={t('admin.catalogue.categoryCode')}>{category.code}</Descriptions.Item>
        <Descriptions.Item label={t('admin.catalogue.kind')}>{pick(CATEGORY_KIND_LABELS[category.kind], lang)}</Descriptions.Item>
        <Descriptions.Item label={t('admin.catalogue.level')}>{pick(CATEGORY_LEVEL_LABELS[category.level], lang)}</Descriptions.Item>
        <Descriptions.Item label={t('admin.catalogue.name')}>{category.name}</Descriptions.Item>
        <Descriptions.Item label={t('admin.catalogue.nameEn')}>{category.nameEn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('admin.catalogue.parent')}>{parent ? `${parent.code} ${parent.name}` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('admin.catalogue.standardRef')}>{category.standardRef ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('admin.catalogue.sort')}>{category.sort}</Descriptions.Item>
        <Descriptions.Item label={t('admin.catalogue.state')}>
          {category.active ? <Tag color="green">{t('admin.catalogue.inUse')}</Tag> : <Tag>{t('admin.catalogue.notInUse')}</Tag>}
        </Descriptions.Item>
        {category.level === 'minor' && (
          <Descriptions.Item label={t('admin.catalogue.conditionCount')}>{t('admin.catalogue.conditionsInUse', { active: category.activeConditions, all: category.conditions })}</Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
