/**
 * 网格导入: an administrator chooses a GeoJSON file; it is sent with a progress bar, checked on the server feature
 * by feature (every problem with its feature and field), and imported all or nothing once nothing is wrong.
 */
import { useState } from 'react';
import { Alert, Button, Form, Progress, Select, Space, Statistic, Table, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRoutes, buildPath, type CrsCode, type GridCheck } from '@liandong/contracts';
import i18n from '../i18n.ts';

/** POSTs JSON with upload progress (fetch reports none), answering the parsed body or throwing the API's message. */
function postWithProgress<T>(path: string, body: string, onProgress: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept-language', i18n.language === 'en' ? 'en' : 'zh-CN');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const parsed = (() => {
        try {
          return JSON.parse(xhr.responseText) as T & { error?: { message: string } };
        } catch {
          return null;
        }
      })();
      if (xhr.status < 300 && parsed) resolve(parsed);
      else reject(new Error(parsed?.error?.message ?? i18n.t('error.unknown')));
    };
    xhr.onerror = () => reject(new Error(i18n.t('error.network')));
    xhr.send(body);
  });
}

export function GridImport() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [crs, setCrs] = useState<CrsCode>('wgs84');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [check, setCheck] = useState<GridCheck | null>(null);
  const [result, setResult] = useState<{ inserted: number; updated: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async <T,>(route: 'admin.checkGrids' | 'admin.importGrids', text: string): Promise<T> => {
    setProgress(0);
    try {
      return await postWithProgress<T>(buildPath(apiRoutes[route].path, {}, { crs }), text, setProgress);
    } finally {
      setProgress(null);
    }
  };
  const choose = async (f: File) => {
    setError(null);
    setResult(null);
    setCheck(null);
    const text = await f.text();
    try {
      JSON.parse(text);
    } catch {
      setError(t('admin.grids.notJson'));
      return;
    }
    setFile({ name: f.name, text });
    setBusy(true);
    try {
      setCheck(await run<GridCheck>('admin.checkGrids', text));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const importFile = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await run<{ inserted: number; updated: number }>('admin.importGrids', file.text));
      setCheck(null);
      await qc.invalidateQueries({ queryKey: ['map-config'] });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Form layout="inline">
        <Form.Item label={t('admin.grids.crs')} htmlFor="grid-crs">
          <Select
            id="grid-crs"
            style={{ width: 220 }}
            value={crs}
            onChange={setCrs}
            options={[
              { value: 'wgs84', label: t('admin.grids.wgs84') },
              { value: 'gcj02', label: t('admin.grids.gcj02') },
            ]}
          />
        </Form.Item>
      </Form>
      <Upload.Dragger
        accept=".geojson,.json,application/geo+json,application/json"
        showUploadList={false}
        beforeUpload={(f) => {
          void choose(f);
          return false;
        }}
        disabled={busy}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{t('admin.grids.choose')}</p>
        <p className="ant-upload-hint">{t('admin.grids.hint')}</p>
      </Upload.Dragger>
      {progress !== null && <Progress percent={Math.round(progress * 100)} aria-label={t('admin.grids.progress')} />}
      {error && <Alert type="error" showIcon title={error} />}
      {check && file && (
        <>
          <Space size={48}>
            <Statistic title={t('admin.grids.file')} value={file.name} />
            <Statistic title={t('admin.grids.features')} value={check.features} />
            <Statistic title={t('admin.grids.valid')} value={check.valid} />
            <Statistic title={t('admin.grids.problems')} value={check.problems.length} styles={{ content: { color: check.problems.length ? '#cf1322' : '#389e0d' } }} />
          </Space>
          {check.problems.length > 0 ? (
            <Table
              size="small"
              rowKey={(p) => `${p.feature}-${p.field}`}
              aria-label={t('admin.grids.problems')}
              pagination={{ pageSize: 20 }}
              dataSource={check.problems}
              columns={[
                { title: t('admin.grids.feature'), dataIndex: 'feature', width: 100, render: (f: number | null) => (f === null ? t('admin.grids.wholeFile') : f + 1) },
                { title: t('admin.grids.field'), dataIndex: 'field', width: 280 },
                { title: t('admin.grids.problem'), dataIndex: 'message' },
              ]}
            />
          ) : (
            <Alert type="success" showIcon title={t('admin.grids.ready', { n: check.features })} />
          )}
          <Button type="primary" disabled={check.problems.length > 0} loading={busy} onClick={() => void importFile()}>
            {t('admin.grids.import')}
          </Button>
        </>
      )}
      {result && <Alert type="success" showIcon title={t('admin.grids.done', result)} />}
    </Space>
  );
}
