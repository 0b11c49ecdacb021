/**
 * 知识编辑: a new article or a new version of one — title, body, keywords, units, category, validity, a note,
 * and attachments (附件): each uploaded as soon as it is chosen (POST /api/v1/files), the article saved with their
 * ids; one removed is left out of the new version (the versions before keep naming it).
 */
import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Space, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ArticleInput, ArticleView } from '@liandong/contracts';
import { ApiFailure, call } from '../shared/api.ts';
import { uploadFile } from '../shared/upload.ts';
import { uploadedIds } from '../shared/AttachmentsUpload.tsx';

interface FormValues {
  title: string;
  body: string;
  keywords?: string[];
  unitIds?: number[];
  categoryCode?: string;
  validFrom?: string;
  validTo?: string;
  note?: string;
}

const FIELDS = ['title', 'body', 'keywords', 'unitIds', 'categoryCode', 'validFrom', 'validTo'];

/** An attachment already on the article, as antd's Upload lists a finished upload. */
const asUploaded = (f: ArticleView['attachments'][number]): UploadFile => ({ uid: f.id, name: f.name, status: 'done', url: `/api/v1/files/${f.id}`, response: { id: f.id } });

/** A finished upload linked to its file, so that it opens as the saved ones do. */
const withLink = (f: UploadFile): UploadFile => {
  const id = (f.response as { id?: string } | undefined)?.id;
  return f.status === 'done' && id && !f.url ? { ...f, url: `/api/v1/files/${id}` } : f;
};

export function ArticleForm({ article, onSaved }: { article?: ArticleView; onSaved: (a: ArticleView) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<UploadFile[]>(() => article?.attachments.map(asUploaded) ?? []);
  const units = useQuery({ queryKey: ['units'], queryFn: () => call('catalogue.listUnits'), staleTime: 300_000 });
  const uploading = files.some((f) => f.status === 'uploading');
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body: ArticleInput = {
        title: v.title,
        body: v.body,
        keywords: v.keywords ?? [],
        unitIds: v.unitIds ?? [],
        categoryCode: v.categoryCode?.trim() || null,
        validFrom: v.validFrom || null,
        validTo: v.validTo || null,
        attachments: uploadedIds(files),
        ...(v.note ? { note: v.note } : {}),
      };
      return article ? call('knowledge.update', { params: { id: article.id }, body }) : call('knowledge.create', { body });
    },
    onSuccess: async (a) => {
      await qc.invalidateQueries({ queryKey: ['knowledge'] });
      await qc.invalidateQueries({ queryKey: ['knowledge-article', a.id] });
      onSaved(a);
    },
    onError: (e) => {
      const field = e instanceof ApiFailure && e.field ? e.field.replace(/^\//, '') : undefined;
      if (field && e instanceof ApiFailure && FIELDS.includes(field)) form.setFields([{ name: field as keyof FormValues, errors: [e.message] }]);
      else setError(e instanceof ApiFailure ? e.message : t('error.unknown'));
    },
  });
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={
        article
          ? { title: article.title, body: article.body, keywords: article.keywords, unitIds: article.units.map((u) => u.id), categoryCode: article.category?.code, validFrom: article.validFrom ?? undefined, validTo: article.validTo ?? undefined }
          : { keywords: [], unitIds: [] }
      }
      onFinish={(v) => {
        setError(null);
        save.mutate(v);
      }}
    >
      <Form.Item name="title" label={t('knowledge.titleCol')} rules={[{ required: true, message: t('intake.required', { field: t('knowledge.titleCol') }) }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="body" label={t('knowledge.body')} extra={t('knowledge.bodyHint')} rules={[{ required: true, message: t('intake.required', { field: t('knowledge.body') }) }]}>
        <Input.TextArea rows={10} maxLength={20000} />
      </Form.Item>
      <Form.Item name="keywords" label={t('knowledge.keywords')}>
        <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
      </Form.Item>
      <Form.Item name="unitIds" label={t('knowledge.units')}>
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data ?? []).filter((u) => u.kind === 'department' || u.kind === 'centre').map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="categoryCode" label={t('knowledge.category')}>
          <Input maxLength={20} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="validFrom" label={t('knowledge.validFrom')}>
          <Input type="date" style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="validTo" label={t('knowledge.validToField')}>
          <Input type="date" style={{ width: 170 }} />
        </Form.Item>
      </Space>
      <Form.Item label={t('knowledge.attachments')} extra={t('knowledge.attachmentsHint')}>
        <Upload
          multiple
          fileList={files}
          maxCount={10}
          accept="image/*,application/pdf"
          onChange={({ fileList }) => setFiles(fileList.map(withLink))}
          customRequest={({ file, onSuccess, onError }) => {
            uploadFile(file as File).then((r) => onSuccess?.(r), (e: Error) => onError?.(e));
          }}
        >
          <Button icon={<UploadOutlined />} aria-label={t('knowledge.addAttachment')}>
            {t('knowledge.addAttachment')}
          </Button>
        </Upload>
      </Form.Item>
      <Form.Item name="note" label={t('knowledge.note')}>
        <Input maxLength={500} />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={save.isPending} disabled={uploading}>
        {t('knowledge.save')}
      </Button>
    </Form>
  );
}
