/**
 * 导入 on the knowledge page: a CSV or .xlsx file with the export's columns sent at once; the answer shown in a
 * dialog — how many drafts were made, versions written and rows unchanged, or, when any row is bad, each row and
 * column at fault (nothing was written; fix the file and import it again).
 */
import { useState } from 'react';
import { Alert, Button, Modal, Table, Upload } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ArticleImportResult } from '@liandong/contracts';
import { ApiFailure } from '../shared/api.ts';
import { importArticlesFile } from './import-file.ts';

type Outcome = { file: string; result?: ArticleImportResult; error?: ApiFailure };

export function ImportArticles() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = useMutation({
    mutationFn: (file: File) => importArticlesFile(file),
    onSuccess: async (result, file) => {
      setOutcome({ file: file.name, result });
      await qc.invalidateQueries({ queryKey: ['knowledge'] });
    },
    onError: (e, file) => setOutcome({ file: file.name, error: e instanceof ApiFailure ? e : new ApiFailure(0, 'unknown', t('error.unknown')) }),
  });
  const r = outcome?.result;
  const problems = outcome?.error?.problems;
  return (
    <>
      <Upload
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        showUploadList={false}
        beforeUpload={(file) => {
          run.mutate(file);
          return false;
        }}
      >
        <Button icon={<ImportOutlined />} loading={run.isPending} aria-label={t('knowledge.import')}>
          {t('knowledge.import')}
        </Button>
      </Upload>
      <Modal
        open={outcome !== null}
        title={t('knowledge.importTitle', { file: outcome?.file ?? '' })}
        onCancel={() => setOutcome(null)}
        footer={<Button onClick={() => setOutcome(null)}>{t('knowledge.close')}</Button>}
        width={720}
      >
        {r && (
          <>
            <Alert type="success" showIcon title={t('knowledge.imported', { created: r.created, revised: r.revised, unchanged: r.unchanged })} style={{ marginBottom: 12 }} />
            <Table
              size="small"
              rowKey="row"
              aria-label={t('knowledge.importedRows')}
              pagination={r.articles.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              dataSource={r.articles}
              columns={[
                { title: t('knowledge.row'), dataIndex: 'row', width: 70 },
                { title: t('knowledge.titleCol'), dataIndex: 'title' },
                { title: t('knowledge.outcome'), dataIndex: 'outcome', width: 110, render: (o: string) => t(`knowledge.outcomes.${o}`) },
              ]}
            />
          </>
        )}
        {outcome?.error && (
          <>
            <Alert type="error" showIcon title={problems ? t('knowledge.importRefused', { n: new Set(problems.map((p) => p.row)).size }) : outcome.error.message} style={{ marginBottom: 12 }} />
            {problems && (
              <Table
                size="small"
                rowKey={(p) => `${p.row}:${p.field}`}
                aria-label={t('knowledge.importProblems')}
                pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                dataSource={problems}
                columns={[
                  { title: t('knowledge.row'), dataIndex: 'row', width: 70 },
                  { title: t('knowledge.column'), dataIndex: 'field', width: 130 },
                  { title: t('knowledge.problem'), dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
      </Modal>
    </>
  );
}
