/** 惯用语: the centre's stock phrases in a compact picker beside a text field; the one chosen is appended to it. */
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../shared/api.ts';

export function StockPhrases({ onPick }: { onPick: (phrase: string) => void }) {
  const { t } = useTranslation();
  const phrases = useQuery({ queryKey: ['stock-phrases'], queryFn: () => call('orders.stockPhrases'), staleTime: 300_000 });
  if (!phrases.data?.phrases.length) return null;
  return (
    <Select
      size="small"
      aria-label={t('intake.phrases')}
      placeholder={t('intake.insertPhrase')}
      value={null}
      style={{ width: 260, marginTop: 4 }}
      popupMatchSelectWidth={false}
      showSearch={{ optionFilterProp: 'label' }}
      options={phrases.data.phrases.map((p) => ({ value: p, label: p }))}
      onChange={(p: string) => onPick(p)}
    />
  );
}
