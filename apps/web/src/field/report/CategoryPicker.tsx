/** 问题分类: the grid's common classes as buttons, or searched (Chinese, pinyin initials, code) on the phone. */
import { useMemo, useState } from 'react';
import { CheckList, Input, Selector } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/api.ts';
import { localName } from '../../i18n.ts';
import { searchCategories } from './category-search.ts';

export function useFieldCategories() {
  return useQuery({ queryKey: ['field', 'categories'], queryFn: () => call('field.fieldCategories', { query: {} }), staleTime: 3_600_000 });
}

/** A form control: `value` is the chosen code; `id` labels its search box (the form item's label). */
export function CategoryPicker({ value, onChange, id }: { value?: string; onChange?: (code: string) => void; id?: string }) {
  const { t, i18n } = useTranslation();
  const categories = useFieldCategories();
  const [text, setText] = useState('');
  const all = useMemo(() => categories.data ?? [], [categories.data]);
  const found = useMemo(() => searchCategories(all, text), [all, text]);
  const chosen = all.find((c) => c.code === value);
  const name = (c: (typeof all)[number]) => localName(c, i18n.language);
  return (
    <div>
      {chosen && <div className="field-chosen">✔ {name(chosen)}</div>}
      <Input id={id} value={text} onChange={setText} clearable placeholder={t('fieldApp.report.categoryPlaceholder')} />
      {!text && found.length > 0 && (
        <>
          <div className="field-muted" style={{ margin: '8px 0 4px' }}>
            {t('fieldApp.report.common')}
          </div>
          <Selector columns={2} value={value ? [value] : []} onChange={(v) => v[0] && onChange?.(v[0])} options={found.map((c) => ({ label: name(c), value: c.code }))} />
        </>
      )}
      {text && (
        <CheckList value={value ? [value] : []} onChange={(v) => v[0] && (onChange?.(String(v[0])), setText(''))}>
          {found.map((c) => (
            <CheckList.Item key={c.code} value={c.code}>
              {name(c)} <span className="field-muted">{c.code}</span>
            </CheckList.Item>
          ))}
        </CheckList>
      )}
    </div>
  );
}
