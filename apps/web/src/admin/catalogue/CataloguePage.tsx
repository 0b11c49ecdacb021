/**
 * 事件部件清单维护: the categories on the left (事件/部件 → 大类 → 小类, searchable, those out of use too); the chosen
 * one on the right with its details and, for a minor class, its case-opening conditions, limits and responsible
 * units. Add a major or a minor class, change one, take it out of use or back.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Col, Empty, Input, Row, Space, Tree, type GetRef } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CATEGORY_KIND_LABELS, type CategoryAdmin } from '@liandong/contracts';
import { localName, pick } from '../../i18n.ts';
import { call } from '../../shared/api.ts';
import { allKeys, categoryTree } from './category-tree.ts';
import { CategoryDetails } from './CategoryDetails.tsx';
import { CategoryForm } from './CategoryForm.tsx';
import { ConditionTable } from './ConditionTable.tsx';

export function CataloguePage() {
  const { t, i18n } = useTranslation();
  const categories = useQuery({ queryKey: ['admin-categories'], queryFn: () => call('admin.listCategories') });
  const [selected, setSelected] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [form, setForm] = useState<{ category?: CategoryAdmin; parent?: CategoryAdmin } | null>(null);
  const lang = i18n.language;
  const tree = useMemo(
    () =>
      categoryTree(
        categories.data ?? [],
        {
          kinds: { event: pick(CATEGORY_KIND_LABELS.event, lang), component: pick(CATEGORY_KIND_LABELS.component, lang) },
          outOfUse: t('admin.catalogue.notInUse'),
          name: (c) => localName(c, lang),
        },
        search,
      ),
    [categories.data, search, lang, t],
  );
  const category = categories.data?.find((c) => c.code === selected);
  // The tree is virtual: the chosen category (a new one too) is opened to and scrolled into view.
  const [expanded, setExpanded] = useState<string[]>(['kind:event', 'kind:component']);
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  useEffect(() => {
    if (category?.parentCode) setExpanded((keys) => (keys.includes(category.parentCode!) ? keys : [...keys, category.parentCode!]));
  }, [category?.parentCode]);
  useEffect(() => {
    if (selected) requestAnimationFrame(() => treeRef.current?.scrollTo({ key: selected, align: 'auto' }));
  }, [selected, tree, expanded]);
  const parent = category?.parentCode ? categories.data?.find((c) => c.code === category.parentCode) : undefined;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={9} xl={7}>
        <Card
          size="small"
          title={t('admin.catalogue.tree')}
          extra={
            <Button type="primary" size="small" onClick={() => setForm({})}>
              {t('admin.catalogue.addMajor')}
            </Button>
          }
        >
          <Input.Search allowClear aria-label={t('admin.catalogue.search')} placeholder={t('admin.catalogue.search')} onChange={(e) => setSearch(e.target.value.trim())} style={{ marginBottom: 8 }} />
          <Tree
            ref={treeRef}
            aria-label={t('admin.catalogue.tree')}
            showLine
            blockNode
            height={560}
            treeData={tree as never}
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => setSelected((keys[0] as string | undefined) ?? null)}
            expandedKeys={search ? allKeys(tree) : expanded}
            onExpand={(keys) => setExpanded(keys as string[])}
          />
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={17}>
        {category ? (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <CategoryDetails category={category} parent={parent} onEdit={() => setForm({ category })} onAddMinor={() => setForm({ parent: category })} />
            {category.level === 'minor' && <ConditionTable category={category} />}
          </Space>
        ) : (
          <Card size="small">
            <Empty description={t('admin.catalogue.chooseCategory')} />
          </Card>
        )}
      </Col>
      {form && (
        <CategoryForm
          {...form}
          onClose={(saved) => {
            setForm(null);
            if (saved) setSelected(saved.code);
          }}
        />
      )}
    </Row>
  );
}
