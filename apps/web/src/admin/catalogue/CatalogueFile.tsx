/**
 * 清单导入导出: the catalogue in use downloaded as its import CSV; a CSV chosen, checked on the server (every row and
 * reference, nothing written), then imported all or nothing. A bad row's line and column come back in the message.
 */
import { useState } from 'react';
import { Alert, Button, Card, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRoutes } from '@liandong/contracts';
import i18n from '../../i18n.ts';

interface Result {
  categories: number;
  conditions: number;
  checked: boolean;
}

async function sendCatalogue(text: string, check: boolean): Promise<Result> {
  let res: Response;
  try {
    res = await fetch(`${apiRoutes['admin.importCatalogue'].path}${check ? '?check=true' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN' },
      body: text,
    });
  } catch {
    throw new Error(i18n.t('error.network'));
  }
  const body = (await res.json().catch(() => null)) as (Result & { error?: { message: string } }) | null;
  if (!res.ok || !body) throw new Error(body?.error?.message ?? i18n.t('error.unknown'));
  return body;
}

export function CatalogueFile() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (text: string, check: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await sendCatalogue(text, check));
      if (!check) await Promise.all([qc.invalidateQueries({ queryKey: ['conditions'] }), qc.invalidateQueries({ queryKey: ['admin-categories'] })]);
    } catch (e) {
      setResult(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('admin.file.title')}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={apiRoutes['admin.exportCatalogue'].path} download>
            {t('admin.file.export')}
          </Button>
          <Typography.Text type="secondary">{t('admin.file.exportHint')}</Typography.Text>
        </Space>
        <Upload.Dragger
          accept=".csv,text/csv"
          showUploadList={false}
          beforeUpload={async (f) => {
            const text = await f.text();
            setFile({ name: f.name, text });
            setResult(null);
            await run(text, true);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('admin.file.choose')}</p>
        </Upload.Dragger>
        {file && <Typography.Text>{t('admin.file.file')}：{file.name}</Typography.Text>}
        {error && <Alert type="error" showIcon title={error} />}
        {result && <Alert type="success" showIcon title={t(result.checked ? 'admin.file.checked' : 'admin.file.imported', { categories: result.categories, conditions: result.conditions })} />}
        {file && result?.checked && (
          <Button type="primary" loading={busy} onClick={() => run(file.text, false)} style={{ alignSelf: 'flex-start' }}>
            {t('admin.file.import')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
