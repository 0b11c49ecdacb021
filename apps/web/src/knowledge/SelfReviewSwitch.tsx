/** 允许本人审核: whether a reviewer may publish what he wrote himself (四眼原则 waived; administrators). */
import { App, Space, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiFailure, call } from '../shared/api.ts';

export function SelfReviewSwitch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['knowledge-settings'], queryFn: () => call('knowledge.settings') });
  const set = useMutation({
    mutationFn: (selfReview: boolean) => call('knowledge.setSettings', { body: { selfReview } }),
    onSuccess: async (s) => {
      qc.setQueryData(['knowledge-settings'], s);
      await qc.invalidateQueries({ queryKey: ['knowledge-article'] });
    },
    onError: (e) => void message.error(e instanceof ApiFailure ? e.message : t('error.unknown')),
  });
  return (
    <Space size={6}>
      <Switch
        size="small"
        aria-label={t('knowledge.selfReview')}
        checked={settings.data?.selfReview ?? false}
        loading={settings.isLoading || set.isPending}
        onChange={(v) => set.mutate(v)}
      />
      <Typography.Text type="secondary">{t('knowledge.selfReview')}</Typography.Text>
    </Space>
  );
}
