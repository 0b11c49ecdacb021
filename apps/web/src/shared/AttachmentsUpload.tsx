/**
 * Photos and files for an order or an action: each uploaded as soon as it is chosen (POST /api/v1/files), so
 * the form sends only their ids (`uploadedIds`).
 */
import { Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { uploadFile } from './upload.ts';

export function AttachmentsUpload({ files, onChange, accept = 'image/*,application/pdf,video/mp4,audio/*' }: { files: UploadFile[]; onChange: (files: UploadFile[]) => void; accept?: string }) {
  const { t } = useTranslation();
  return (
    <Upload
      multiple
      fileList={files}
      onChange={({ fileList }) => onChange(fileList)}
      customRequest={({ file, onSuccess, onError }) => {
        uploadFile(file as File).then((r) => onSuccess?.(r), (e: Error) => onError?.(e));
      }}
      accept={accept}
    >
      <Button icon={<UploadOutlined />}>{t('intake.upload')}</Button>
    </Upload>
  );
}

/** The ids of the files whose upload has finished. */
export const uploadedIds = (files: UploadFile[]): string[] => files.map((f) => (f.response as { id: string } | undefined)?.id).filter((id): id is string => Boolean(id));
