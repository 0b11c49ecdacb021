/** 问题类别: the catalogue searched on the server as one types — Chinese words, a code, or pinyin initials (jg → 井盖). */
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { localName } from '../i18n.ts';
import { call } from '../shared/api.ts';

export function CategorySelect({ value, onChange, id, ...aria }: { value?: string; onChange?: (v: string | undefined) => void; id?: string; 'aria-required'?: boolean }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const found = useQuery({
    queryKey: ['categories', search, i18n.language],
    queryFn: () => call('catalogue.listCategories', { query: search ? { q: search } : { kind: 'event' } }),
    staleTime: 300_000,
  });
  // A value set before any search (a form opened on a saved class) is named too, not shown as its bare code.
  const listed = (found.data ?? []).slice(0, 50);
  const current = useQuery({
    queryKey: ['category', value, i18n.language],
    queryFn: () => call('catalogue.listCategories', { query: { q: value! } }),
    enabled: Boolean(value) && !listed.some((c) => c.code === value),
    staleTime: 600_000,
  });
  const named = current.data?.find((c) => c.code === value);
  const options = [...(named && !listed.some((c) => c.code === value) ? [named] : []), ...listed];
  return (
    <Select
      id={id}
      {...aria}
      value={value}
      onChange={onChange}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('intake.categoryPlaceholder')}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? t('intake.searching') : t('intake.noCategory')}
      options={options.map((c) => ({ value: c.code, label: `${localName(c, i18n.language)}（${c.code}）` }))}
    />
  );
}
